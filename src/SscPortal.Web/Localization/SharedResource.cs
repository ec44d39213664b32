// In the root namespace on purpose: the localizer looks for Resources/SharedResource.<culture>.resx by the type's name.
namespace SscPortal.Web;

/// <summary>Marker for Resources/SharedResource.*.resx: every UI string, keyed by its English text.</summary>
public sealed class SharedResource;
