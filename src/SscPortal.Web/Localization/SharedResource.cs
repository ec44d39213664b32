namespace SscPortal.Web.Localization;

/// <summary>Marker for Resources/SharedResource.*.resx: every UI string, keyed by its English text.</summary>
public sealed class SharedResource;
