# distreboot sample node: the daemon on a simulated host, for docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends util-linux && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/cli/target/distreboot.jar /usr/share/distreboot/distreboot.jar
COPY packaging/deb/distreboot /usr/bin/distreboot
COPY docker/node.sh /usr/local/bin/node.sh
COPY docker/simulated-reboot.sh /usr/local/bin/simulated-reboot
RUN chmod 755 /usr/bin/distreboot /usr/local/bin/node.sh /usr/local/bin/simulated-reboot
ENTRYPOINT ["/usr/local/bin/node.sh"]
