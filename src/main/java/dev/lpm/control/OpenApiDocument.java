package dev.lpm.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3 description of the API, shipped in the jar ({@link ApiRoutes#OPENAPI_RESOURCE}: its one source). */
public final class OpenApiDocument {

    private static volatile byte[] bytes;

    private OpenApiDocument() {}

    public static byte[] bytes() {
        byte[] loaded = bytes;
        if (loaded == null) {
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(ApiRoutes.OPENAPI_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + ApiRoutes.OPENAPI_RESOURCE);
                }
                loaded = in.readAllBytes();
                bytes = loaded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }
}
