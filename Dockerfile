# The web app as it is deployed: several instances behind a proxy, sharing PostgreSQL and Redis
# (deploy/compose.yaml). Build from the repository root: docker build -t hospitality-web .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Hospitality.sln appsettings.json ./
COPY Hospitality.EventStore/Hospitality.EventStore.csproj Hospitality.EventStore/
COPY Hospitality.Domain/Hospitality.Domain.csproj Hospitality.Domain/
COPY Hospitality.Hubs/Hospitality.Hubs.csproj Hospitality.Hubs/
COPY Hospitality.Web/Hospitality.Web.csproj Hospitality.Web/BlazorWebJs.targets Hospitality.Web/
COPY tools/Hospitality.Simulator/Hospitality.Simulator.csproj tools/Hospitality.Simulator/
RUN dotnet restore Hospitality.Web/Hospitality.Web.csproj
COPY Hospitality.EventStore/ Hospitality.EventStore/
COPY Hospitality.Domain/ Hospitality.Domain/
COPY Hospitality.Hubs/ Hospitality.Hubs/
COPY Hospitality.Web/ Hospitality.Web/
COPY tools/Hospitality.Simulator/ tools/Hospitality.Simulator/
RUN dotnet publish Hospitality.Web/Hospitality.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER app
HEALTHCHECK --interval=15s --timeout=3s CMD ["dotnet", "Hospitality.Web.dll", "--health-probe"]
ENTRYPOINT ["dotnet", "Hospitality.Web.dll"]
