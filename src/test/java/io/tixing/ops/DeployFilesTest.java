package io.tixing.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container and orchestration files cannot run here (no image registry), so their syntax and their agreement with
 * the application are checked: YAML parses, the Dockerfile's instructions are the Quarkus fast-jar convention on a
 * Temurin JRE as a non-root user, every variable they set is a setting the service knows, every probe path answers,
 * and every port is the service's HTTP port.
 */
@QuarkusTest
class DeployFilesTest {

    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    static final Path COMPOSE = Path.of("deploy/compose.yaml");
    static final Path K8S = Path.of("deploy/k8s");
    /** Variables that are not configuration of the service: the JVM's own options. */
    static final Set<String> NOT_SETTINGS = Set.of("JAVA_OPTS_APPEND");

    record Instruction(String keyword, String args) {}

    static List<Instruction> dockerfile() throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (current.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("#"))) continue;
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return out;
    }

    static Map<String, String> dockerEnv() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : dockerfile()) {
            if (!i.keyword().equals("ENV")) continue;
            Matcher m = Pattern.compile("([A-Z0-9_]+)=(\"[^\"]*\"|\\S+)").matcher(i.args());
            while (m.find()) env.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return env;
    }

    static List<JsonNode> k8sDocuments() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (var files = Files.list(K8S)) {
            for (Path f : files.sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(f.toFile())) {
                    var it = yaml.readValues(parser, JsonNode.class);
                    while (it.hasNext()) docs.add(it.next());
                }
            }
        }
        return docs;
    }

    static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }

    /** The service's HTTP port outside the test profile: application.properties, else Quarkus' default. */
    static int httpPort() throws IOException {
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            if (line.startsWith("quarkus.http.port=")) return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
        }
        return 8080;
    }

    @Test
    void the_dockerfile_runs_the_fast_jar_on_a_temurin_jre_as_a_non_root_user_with_a_readiness_healthcheck() throws IOException {
        List<Instruction> ins = dockerfile();
        assertThat(ins.getFirst().keyword()).isEqualTo("FROM");
        assertThat(ins.getFirst().args()).matches("eclipse-temurin:(21|25)(\\.[0-9.]+)?-jre(-\\S+)?");
        assertThat(ins).extracting(Instruction::keyword).allMatch(Set.of("FROM", "RUN", "WORKDIR", "COPY", "USER", "ENV", "EXPOSE", "VOLUME",
                "HEALTHCHECK", "ENTRYPOINT", "CMD", "LABEL", "ARG")::contains);
        List<String> copied = ins.stream().filter(i -> i.keyword().equals("COPY")).map(Instruction::args).toList();
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/")) {
            assertThat(copied).anyMatch(c -> c.contains(part));
        }
        for (String c : copied) {
            String source = c.replaceAll("--\\S+\\s+", "").split("\\s+")[0];
            if (!source.startsWith("target/")) assertThat(Path.of(source)).as("COPY source %s", source).exists();
        }
        String user = ins.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow().args();
        assertThat(user).isNotIn("root", "0", "0:0");
        int userIndex = ins.indexOf(ins.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow());
        int entryIndex = ins.indexOf(ins.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow());
        assertThat(userIndex).as("USER comes before ENTRYPOINT").isLessThan(entryIndex);
        assertThat(ins.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow().args()).contains("quarkus-run.jar");
        String healthcheck = ins.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).findFirst().orElseThrow().args();
        assertThat(healthcheck).contains("CMD").contains("/q/health/ready");
        given().get(path(healthcheck)).then().statusCode(200);
        String exposed = ins.stream().filter(i -> i.keyword().equals("EXPOSE")).findFirst().orElseThrow().args();
        assertThat(Integer.parseInt(exposed)).isEqualTo(httpPort());
        assertThat(Integer.parseInt(dockerEnv().get("QUARKUS_HTTP_PORT"))).isEqualTo(httpPort());
        assertThat(healthcheck).contains(":" + httpPort() + "/");
    }

    static String path(String text) {
        Matcher m = Pattern.compile("(/q/health/[a-z]+)").matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void every_variable_the_image_compose_and_kubernetes_set_is_a_setting_the_service_knows() throws Exception {
        Set<String> known = KnownSettings.environmentNames();
        Map<String, String> set = new LinkedHashMap<>();
        dockerEnv().forEach((k, v) -> set.put(k, "Dockerfile.jvm"));
        JsonNode compose = compose();
        for (String gateway : List.of("gateway-a", "gateway-b")) {
            compose.get("services").get(gateway).get("environment").fieldNames().forEachRemaining(k -> set.put(k, "compose " + gateway));
        }
        List<JsonNode> docs = k8sDocuments();
        kind(docs, "ConfigMap").get("data").fieldNames().forEachRemaining(k -> set.put(k, "k8s ConfigMap"));
        for (JsonNode env : container(docs).get("env")) set.put(env.get("name").asText(), "k8s Deployment");
        set.keySet().removeAll(NOT_SETTINGS);
        assertThat(set).isNotEmpty();
        List<String> unknown = set.entrySet().stream().filter(e -> !known.contains(e.getKey())).map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        assertThat(unknown).as("variables that name no setting").isEmpty();
    }

    /** SnakeYAML (under jackson-dataformat-yaml) resolves the file's {@code <<: *gateway} merge keys as Compose does. */
    static JsonNode compose() throws IOException {
        Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(COMPOSE));
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(tree);
    }

    static JsonNode container(List<JsonNode> docs) {
        return kind(docs, "Deployment").get("spec").get("template").get("spec").get("containers").get(0);
    }

    @Test
    void compose_runs_two_gateways_on_postgresql_16_with_mailpit_and_no_password_in_the_file() throws Exception {
        JsonNode services = compose().get("services");
        assertThat(services.get("postgres").get("image").asText()).isEqualTo("postgres:16");
        assertThat(services.get("mailpit").get("image").asText()).startsWith("axllent/mailpit");
        for (String gateway : List.of("gateway-a", "gateway-b")) {
            JsonNode env = services.get(gateway).get("environment");
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/tixing");
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo("tixing_app");
            assertThat(env.get("QUARKUS_FLYWAY_USERNAME").asText()).isEqualTo("tixing_owner");
            assertThat(env.get("TIXING_SMTP_HOST").asText()).isEqualTo("mailpit");
            for (String secret : List.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_PASSWORD", "TIXING_SECURITY_BOOTSTRAP_ADMIN_KEY")) {
                assertThat(env.get(secret).asText()).as(secret).startsWith("${").endsWith("}");
            }
            assertThat(services.get(gateway).get("ports").get(0).asText()).endsWith(":" + httpPort());
            assertThat(services.get(gateway).get("depends_on").get("postgres").get("condition").asText()).isEqualTo("service_healthy");
        }
        for (JsonNode volume : services.get("postgres").get("volumes")) {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("./")) assertThat(COMPOSE.getParent().resolve(source)).exists();
        }
    }

    @Test
    void the_compose_database_gets_its_roles_from_the_script_docs_operations_md_gives_an_operator() throws Exception {
        String doc = Files.readString(Path.of("docs/OPERATIONS.md"));
        int section = doc.indexOf("### Creating the roles");
        assertThat(section).isNotNegative();
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find(section)).isTrue();
        String init = Files.readString(COMPOSE.getParent().resolve("postgres/init-roles.sh"));
        List<String> statements = m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("\\")).toList();
        assertThat(statements).hasSizeGreaterThan(4);
        for (String statement : statements) {
            assertThat(init).contains(statement.replace("<owner-password>", "${TIXING_OWNER_PASSWORD}").replace("<app-password>", "${TIXING_APP_PASSWORD}"));
        }
    }

    @Test
    void the_deployment_probes_paths_that_answer_on_the_service_port_with_resources_secret_references_and_a_disruption_budget() throws Exception {
        List<JsonNode> docs = k8sDocuments();
        assertThat(docs).extracting(d -> d.get("kind").asText()).contains("Deployment", "Service", "ConfigMap", "PodDisruptionBudget");
        JsonNode c = container(docs);
        int port = c.get("ports").get(0).get("containerPort").asInt();
        assertThat(port).isEqualTo(httpPort());
        String portName = c.get("ports").get(0).get("name").asText();
        Map<String, String> probes = new LinkedHashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = c.get(probe).get("httpGet");
            assertThat(get.get("port").asText()).as(probe).isIn(portName, String.valueOf(httpPort()));
            probes.put(probe, get.get("path").asText());
        }
        assertThat(probes).containsEntry("livenessProbe", "/q/health/live").containsEntry("readinessProbe", "/q/health/ready")
                .containsEntry("startupProbe", "/q/health/started");
        for (String path : probes.values()) given().get(path).then().statusCode(200);
        assertThat(c.get("resources").get("requests").has("cpu") && c.get("resources").get("requests").has("memory")).isTrue();
        assertThat(c.get("resources").get("limits").has("memory")).isTrue();
        for (JsonNode env : c.get("env")) {
            assertThat(env.has("value")).as("%s comes from a Secret, not the manifest", env.get("name")).isFalse();
            assertThat(env.get("valueFrom").has("secretKeyRef")).isTrue();
        }
        assertThat(docs).noneMatch(d -> "Secret".equals(d.path("kind").asText()));
        JsonNode service = kind(docs, "Service");
        assertThat(service.get("spec").get("ports").get(0).get("targetPort").asText()).isIn(portName, String.valueOf(httpPort()));
        JsonNode labels = kind(docs, "Deployment").get("spec").get("selector").get("matchLabels");
        assertThat(kind(docs, "PodDisruptionBudget").get("spec").get("selector").get("matchLabels")).isEqualTo(labels);
        assertThat(service.get("spec").get("selector")).isEqualTo(labels);
        assertThat(kind(docs, "Deployment").get("spec").get("template").get("spec").get("securityContext").get("runAsNonRoot").asBoolean()).isTrue();
    }
}
