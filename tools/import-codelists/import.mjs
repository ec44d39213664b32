// Regenerates src/SscPortal.Web/Data/Seed/CodeLists/*.json from the IATI code lists.
// Run: cd tools/import-codelists && npm install && npm run import
// Country names in es/pt/fr come from i18n-iso-countries (CLDR); the IATI list is English-only for countries.
// The Spanish, Portuguese (and for currencies French) names of sectors, sector categories, SDG targets and currencies are
// the portal's own, in ../CodeLists/translations/ (see the README there): this script never writes there, and at the end
// lists the codes of the new files that have no translation yet.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import countries from "i18n-iso-countries";
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import pt from "i18n-iso-countries/langs/pt.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };

countries.registerLocale(es); countries.registerLocale(pt); countries.registerLocale(fr);
const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, process.env.IATI_CODELISTS ?? "../../../shared/reference/iati/codelists");
const target = path.resolve(here, "../../src/SscPortal.Web/Data/Seed/CodeLists");

const decode = s => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").trim();
function items(file) {
  const xml = fs.readFileSync(path.join(source, file), "utf8");
  return [...xml.matchAll(/<codelist-item([^>]*)>([\s\S]*?)<\/codelist-item>/g)].map(([, attrs, body]) => {
    const name = (body.match(/<name>([\s\S]*?)<\/name>/) ?? [, ""])[1];
    const narrative = lang => {
      const re = lang ? new RegExp(`<narrative xml:lang="${lang}">([\\s\\S]*?)</narrative>`) : /<narrative>([\s\S]*?)<\/narrative>/;
      const m = name.match(re); return m ? decode(m[1]) : null;
    };
    return {
      code: decode(body.match(/<code>([\s\S]*?)<\/code>/)[1]),
      category: (body.match(/<category>([\s\S]*?)<\/category>/) ?? [, null])[1],
      withdrawn: /status="withdrawn"/.test(attrs),
      en: narrative(null), fr: narrative("fr"),
    };
  });
}
const write = (file, rows) => fs.writeFileSync(path.join(target, file), JSON.stringify(rows, null, 1) + "\n");

write("countries.json", items("Country.xml").filter(c => !c.withdrawn).map(c => ({
  code: c.code, en: c.en,
  es: countries.getName(c.code, "es") ?? c.en, pt: countries.getName(c.code, "pt") ?? c.en, fr: countries.getName(c.code, "fr") ?? c.en,
})));
write("sdg-targets.json", items("UNSDG-Targets.xml").map(t => ({ code: t.code, goal: Number(t.code.split(".")[0]), en: t.en, fr: t.fr ?? t.en })));
write("currencies.json", items("Currency.xml").filter(c => !c.withdrawn).map(c => ({ code: c.code, en: c.en, fr: c.fr ?? c.en })));
write("sector-categories.json", items("SectorCategory.xml").filter(c => !c.withdrawn).map(c => ({ code: c.code, en: c.en, fr: c.fr ?? c.en })));
write("sectors.json", items("Sector.xml").filter(c => !c.withdrawn).map(c => ({ code: c.code, category: c.category, en: c.en, fr: c.fr ?? c.en })));

// Short goal names as the UN publishes them in each language (the IATI list holds only the long English/French titles).
const shortNames = {
  en: ["No poverty","Zero hunger","Good health and well-being","Quality education","Gender equality","Clean water and sanitation","Affordable and clean energy","Decent work and economic growth","Industry, innovation and infrastructure","Reduced inequalities","Sustainable cities and communities","Responsible consumption and production","Climate action","Life below water","Life on land","Peace, justice and strong institutions","Partnerships for the goals"],
  es: ["Fin de la pobreza","Hambre cero","Salud y bienestar","Educación de calidad","Igualdad de género","Agua limpia y saneamiento","Energía asequible y no contaminante","Trabajo decente y crecimiento económico","Industria, innovación e infraestructura","Reducción de las desigualdades","Ciudades y comunidades sostenibles","Producción y consumo responsables","Acción por el clima","Vida submarina","Vida de ecosistemas terrestres","Paz, justicia e instituciones sólidas","Alianzas para lograr los objetivos"],
  pt: ["Erradicação da pobreza","Fome zero e agricultura sustentável","Saúde e bem-estar","Educação de qualidade","Igualdade de gênero","Água potável e saneamento","Energia limpa e acessível","Trabalho decente e crescimento econômico","Indústria, inovação e infraestrutura","Redução das desigualdades","Cidades e comunidades sustentáveis","Consumo e produção responsáveis","Ação contra a mudança global do clima","Vida na água","Vida terrestre","Paz, justiça e instituições eficazes","Parcerias e meios de implementação"],
  fr: ["Pas de pauvreté","Faim « zéro »","Bonne santé et bien-être","Éducation de qualité","Égalité entre les sexes","Eau propre et assainissement","Énergie propre et d'un coût abordable","Travail décent et croissance économique","Industrie, innovation et infrastructure","Inégalités réduites","Villes et communautés durables","Consommation et production responsables","Mesures relatives à la lutte contre les changements climatiques","Vie aquatique","Vie terrestre","Paix, justice et institutions efficaces","Partenariats pour la réalisation des objectifs"],
};
write("sdg-goals.json", items("UNSDG-Goals.xml").map(g => {
  const i = Number(g.code) - 1;
  return { code: Number(g.code), en: shortNames.en[i], es: shortNames.es[i], pt: shortNames.pt[i], fr: shortNames.fr[i], description: g.en.replace(/^Goal \d+\.\s*/, "") };
}));
console.log("wrote code lists to", target);

for (const list of ["sectors", "sector-categories", "sdg-targets", "currencies"]) {
  const codes = JSON.parse(fs.readFileSync(path.join(target, `${list}.json`), "utf8")).map(r => r.code);
  for (const language of list === "currencies" ? ["es", "pt", "fr"] : ["es", "pt"]) {
    const file = path.join(target, "translations", `${list}.${language}.json`);
    const names = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
    const missing = codes.filter(c => !names[c]);
    if (missing.length) console.log(`translations/${list}.${language}.json has no name for ${missing.join(", ")} (shown in English until translated)`);
  }
}
