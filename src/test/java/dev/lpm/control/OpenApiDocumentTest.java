package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The shipped OpenAPI document is valid OpenAPI 3 and names exactly the routes the server serves. */
class OpenApiDocumentTest {

    @Test
    void theDocumentValidates() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(
                new String(OpenApiDocument.bytes(), StandardCharsets.UTF_8), null, null);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void theDocumentAndTheRouteTableNameTheSameRoutes() {
        assertThat(routesInDocument()).containsExactlyInAnyOrderElementsOf(ApiRoutes.all());
    }

    /** Every operation of the document as "METHOD /path". */
    static List<String> routesInDocument() {
        var api = new OpenAPIV3Parser().readContents(new String(OpenApiDocument.bytes(), StandardCharsets.UTF_8), null, null)
                .getOpenAPI();
        List<String> routes = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> routes.add(method.name().toUpperCase(Locale.ROOT) + " " + path)));
        return routes;
    }
}
