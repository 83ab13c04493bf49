# GuidanceFlow image (pages and API). Built by docker-compose.yml; the repo-local NuGet feed comes along with the sources.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The build fetches nhsuk-frontend for the pages with npm.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY . .
RUN dotnet publish src/Api/GuidanceFlow.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "GuidanceFlow.Api.dll"]
