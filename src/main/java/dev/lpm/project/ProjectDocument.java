package dev.lpm.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** lpm.json as Jackson reads it, before any check. Names here are the file's field names (docs/lpm.schema.json). */
final class ProjectDocument {

    private ProjectDocument() {}


    @SuppressWarnings("unused") // set by Jackson; a class for the same reason as ServiceFields
    @com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
    static final class Document {
        @JsonProperty("$schema")
        String schema;
        String project;
        LinkedHashMap<String, LocatedService> services;

        String project() { return project; }
        LinkedHashMap<String, LocatedService> services() { return services; }
    }

    /**
     * A class with fields rather than a record: Jackson buffers a record's properties before calling its
     * constructor, and a buffered token has no line to report.
     */
    @SuppressWarnings("unused") // set by Jackson
    @com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
    static final class ServiceFields {
        String command;
        String cwd;
        Map<String, String> env;
        List<String> dependsOn;
        Boolean isolated;
        Boolean killSwitchBypass;
        Boolean subdomains;
        Integer port;
        String startTimeout;
        String stopGrace;

        String command() { return command; }
        String cwd() { return cwd; }
        Map<String, String> env() { return env; }
        List<String> dependsOn() { return dependsOn; }
        Boolean isolated() { return isolated; }
        Boolean killSwitchBypass() { return killSwitchBypass; }
        Boolean subdomains() { return subdomains; }
        Integer port() { return port; }
        String startTimeout() { return startTimeout; }
        String stopGrace() { return stopGrace; }
    }

    /** A service with the line its object starts on. */
    @JsonDeserialize(using = LocatedServiceReader.class)
    record LocatedService(ServiceFields fields, int line) {}

    static final class LocatedServiceReader extends StdDeserializer<LocatedService> {
        LocatedServiceReader() {
            super(LocatedService.class);
        }

        @Override
        public LocatedService deserialize(JsonParser p, DeserializationContext context) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            return new LocatedService(context.readValue(p, ServiceFields.class), line);
        }
    }

}
