package dev.lpm.storage;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lpm.core.PortExposure;
import dev.lpm.core.ServiceState;
import java.util.function.Function;

/** The one Jackson configuration lpm uses for its files and its control protocol. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Values read as users write them: "running", "all-interfaces", not "RUNNING", "ALL_INTERFACES".
            .addModule(new SimpleModule("lpm-labels")
                    .addSerializer(ServiceState.class, labelWriter(ServiceState.class, ServiceState::label))
                    .addDeserializer(ServiceState.class, labelReader(ServiceState.class, ServiceState::ofLabel))
                    .addSerializer(PortExposure.Reach.class,
                            labelWriter(PortExposure.Reach.class, PortExposure.Reach::label))
                    .addDeserializer(PortExposure.Reach.class,
                            labelReader(PortExposure.Reach.class, PortExposure.Reach::ofLabel)))
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

    private static <T> ToStringSerializerBase labelWriter(Class<T> type, Function<T, String> label) {
        return new ToStringSerializerBase(type) {
            @Override
            public String valueToString(Object value) {
                return label.apply(type.cast(value));
            }
        };
    }

    private static <T> FromStringDeserializer<T> labelReader(Class<T> type, Function<String, T> ofLabel) {
        return new FromStringDeserializer<>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext context) {
                return ofLabel.apply(value);
            }
        };
    }
}
