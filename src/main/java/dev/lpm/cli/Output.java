package dev.lpm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.control.ServiceView;
import dev.lpm.storage.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Turns control-API data into what the CLI prints. */
final class Output {

    private static final ObjectMapper MAPPER = Json.mapper();

    private Output() {}

    static ServiceView service(JsonNode data) {
        return convert(data, ServiceView.class);
    }

    static <T> T convert(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliException("the lpm instance sent an unexpected reply (" + e.getMessage()
                    + "); is it a different lpm version? restart it");
        }
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliException("cannot print JSON: " + e.getMessage());
        }
    }

    /** One line about a service's state, e.g. "api is running (pid 42): accepting connections on port 4000". */
    static String stateLine(ServiceView s) {
        String pid = s.pid() == null ? "" : " (pid " + s.pid() + ")";
        String reason = s.reason() == null || s.reason().isEmpty() ? "" : ": " + s.reason();
        return s.name() + " is " + s.state().label() + pid + reason;
    }

    /** A plain table with a header row, columns padded to their widest cell. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
