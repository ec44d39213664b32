using System.Text.Json;

namespace SscPortal.Web.Graphics;

/// <summary>
/// Country outlines for the map, shipped inside the portal (no tile server, no internet): made from the
/// @svg-maps/world package (CC BY 4.0) by tools/import-regions/world_map.py.
/// </summary>
public static class WorldMap
{
    public sealed record Shape(string Code, string Name, string Path);
    private sealed record File(string ViewBox, List<Shape> Countries);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<File> Loaded = new(() =>
    {
        using var stream = typeof(WorldMap).Assembly.GetManifestResourceStream("Map.world-map.json")
            ?? throw new InvalidOperationException("The world map is not embedded in the assembly.");
        return JsonSerializer.Deserialize<File>(stream, Json)!;
    });

    public static string ViewBox => Loaded.Value.ViewBox;
    public static IReadOnlyList<Shape> Countries => Loaded.Value.Countries;

    /// <summary>The shade (0 for none, 1–5) of a count on a map whose largest count is <paramref name="max"/>.</summary>
    public static int Shade(int count, int max) => count <= 0 || max <= 0 ? 0 : Math.Min(5, 1 + (int)Math.Floor(4.0 * Math.Log(count) / Math.Log(Math.Max(2, max)) + 0.0001));
}
