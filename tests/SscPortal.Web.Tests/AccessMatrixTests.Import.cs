using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>The entries of IATI import (import helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] ImportCases =>
    [
    ];
}
