# gameserver in a container (see README, "Install").
#   docker build -t gameserver .
#   docker run -d --name gameserver --stop-timeout 120 -p 9050:9050/udp -v gameserver-saves:/saves gameserver
# --stop-timeout: on SIGTERM the server takes a final save before it exits; Docker's default 10 s may be short.
# Settings: GAMESERVER_* variables (docker run -e GAMESERVER_WORLD=weekend) or flags after the image name.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish server/GameServer.Dedicated -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
# The .NET images ship a non-root user; its UID is in $APP_UID. The saves volume must be writable by it.
RUN mkdir -p /saves && chown "$APP_UID" /saves
USER $APP_UID
ENV GAMESERVER_SAVES=/saves
VOLUME /saves
# Players' UDP port (gameserver --port, default 9050).
EXPOSE 9050/udp
# Prometheus metrics are off by default; to scrape from outside the container add
# --metrics-port 9464 --metrics-bind '*' and publish 9464/tcp (docker run -p 127.0.0.1:9464:9464 ...).
# SIGTERM: finish an in-flight save, take a final one, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["./gameserver"]
