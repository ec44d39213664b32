# The SSC Portal as a container: build with the .NET 10 SDK, run on the ASP.NET Core runtime.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props SscPortal.sln .editorconfig ./
COPY src/SscPortal.Domain/SscPortal.Domain.csproj src/SscPortal.Domain/
COPY src/SscPortal.Web/SscPortal.Web.csproj src/SscPortal.Web/
RUN dotnet restore src/SscPortal.Web/SscPortal.Web.csproj
COPY src/ src/
RUN dotnet publish src/SscPortal.Web/SscPortal.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "SscPortal.Web.dll"]
