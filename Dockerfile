# syntax=docker/dockerfile:1

# ---- build ------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, with only the project files and the props that shape restore,
# so the package layer is reused until one of them changes.
# global.json pins 10.0.100 with rollForward latestFeature: any 10.0.x SDK in
# the image satisfies it, so copying it keeps image and local builds in step.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Domain/Domain.csproj src/Domain/
COPY src/Infrastructure/Infrastructure.csproj src/Infrastructure/
COPY src/Migrations.Postgres/Migrations.Postgres.csproj src/Migrations.Postgres/
COPY src/Api/Api.csproj src/Api/
RUN dotnet restore src/Api/Api.csproj

# The build enforces code style with warnings as errors, so it needs the same
# .editorconfig as a local build.
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Api/Api.csproj -c Release -o /app --no-restore

# ---- runtime ----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The SQLite database lives on a volume owned by the image's non-root user
# 'app' (UID $APP_UID = 1654). The directory is created before VOLUME so a new
# named volume is initialised with this ownership.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
VOLUME /data

# On one CPU the runtime waits ten times longer (1 s instead of 100 ms) after the last
# newly compiled method before it optimises hot code; under steady load that wait kept
# restarting, and the API served at start-up speed for 30-40 s. 1 restores the usual wait.
# SQLite's memory is allocated on whichever thread runs a statement, and glibc gives threads
# arenas of their own (up to eight per core) that keep what was freed in them: an import's
# page cache then took several times its size. Two arenas keep the peak of a million-row
# import at about 250 MB instead of 300.
ENV ConnectionStrings__Relations="Data Source=/data/relations.db" \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_TC_DelaySingleProcMultiplier=1 \
    MALLOC_ARENA_MAX=2

COPY --from=build /app ./

USER $APP_UID
EXPOSE 8080

# Migrations and seed are applied by the app itself at start-up.
ENTRYPOINT ["dotnet", "RelationsApi.Api.dll"]
