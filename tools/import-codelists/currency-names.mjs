// Fills in src/SscPortal.Web/Data/Seed/CodeLists/translations/currencies.{es,pt,fr}.json with the names of the ISO 4217
// currencies as the Unicode CLDR writes them in each language (through Node's ICU, Intl.DisplayNames), first letter
// capitalised as they stand alone in a list. Only currencies with no name yet are added: names already in the files
// (checked or corrected by hand) are kept. Run: cd tools/import-codelists && npm run currency-names
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const lists = path.resolve(here, "../../src/SscPortal.Web/Data/Seed/CodeLists");
const codes = JSON.parse(fs.readFileSync(path.join(lists, "currencies.json"), "utf8")).map(c => c.code);
const locales = { es: "es", pt: "pt-BR", fr: "fr" };

for (const [language, locale] of Object.entries(locales)) {
  const file = path.join(lists, "translations", `currencies.${language}.json`);
  const names = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const cldr = new Intl.DisplayNames([locale], { type: "currency", fallback: "none" });
  const missing = [];
  for (const code of codes) {
    if (names[code]) continue;
    const name = cldr.of(code);
    if (name) names[code] = name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
    else missing.push(code);
  }
  const sorted = Object.fromEntries(codes.filter(c => names[c]).map(c => [c, names[c]]));
  fs.writeFileSync(file, JSON.stringify(sorted, null, 1) + "\n");
  console.log(`${language}: ${Object.keys(sorted).length} of ${codes.length} currencies named` + (missing.length ? `; CLDR has no name for ${missing.join(", ")}` : ""));
}
