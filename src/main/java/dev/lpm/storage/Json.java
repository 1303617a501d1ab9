package dev.lpm.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration lpm uses for its files and its control protocol. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("lpm-states")
                    // Service states read as users write them: "running", not "RUNNING".
                    .addSerializer(dev.lpm.core.ServiceState.class,
                            new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(dev.lpm.core.ServiceState.class) {
                                @Override
                                public String valueToString(Object value) {
                                    return ((dev.lpm.core.ServiceState) value).label();
                                }
                            })
                    .addDeserializer(dev.lpm.core.ServiceState.class,
                            new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<>(dev.lpm.core.ServiceState.class) {
                                @Override
                                protected dev.lpm.core.ServiceState _deserialize(String value,
                                        com.fasterxml.jackson.databind.DeserializationContext context) {
                                    return dev.lpm.core.ServiceState.ofLabel(value);
                                }
                            }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // Newer versions may add fields; an older lpm reading them must not fail.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** Shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
