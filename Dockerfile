# ArLedger web app. Build: docker build -t arledger .   (docker-compose.yml builds and runs it too)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused while code changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ArLedger.Core/ArLedger.Core.csproj src/ArLedger.Core/
COPY src/ArLedger.Web/ArLedger.Web.csproj src/ArLedger.Web/
RUN dotnet restore src/ArLedger.Web/ArLedger.Web.csproj
COPY src/ src/
RUN dotnet publish src/ArLedger.Web/ArLedger.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# DejaVu fonts: the PDF statements and letters embed them.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# appsettings.json sets Urls, which would win over ASPNETCORE_URLS alone; set both.
ENV ASPNETCORE_URLS=http://+:8080 \
    Urls=http://+:8080 \
    DOTNET_NOLOGO=1
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ArLedger.Web.dll"]
