namespace SscPortal.Web.Security;

/// <summary>Named authorization policies for whole pages; rights over a record are checked by <see cref="Access"/>.</summary>
public static class Policies
{
    public const string PlatformStaff = "PlatformStaff";
    public const string Administrator = "Administrator";
}
