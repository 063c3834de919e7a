package org.gddim.diffusers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gddim.io.Printable;

/**
 * A diffusers scheduler config carried by the model itself, under the key {@value #KEY}: in the model's sidecar
 * {@code FILE.meta.json} (a JSON object, or a string holding one) or in the ONNX file's {@code metadata_props}
 * (a string holding the JSON of {@code scheduler_config.json}); the sidecar wins, as for the gddim.* keys. Read
 * without building an ONNX Runtime session: only the ModelProto's field 14 (metadata_props) is decoded.
 */
public final class EmbeddedSchedulerConfig {
    private EmbeddedSchedulerConfig() {}

    /** The metadata key. */
    public static final String KEY = "diffusers.scheduler_config";

    private static final int METADATA_PROPS = 14; // ModelProto.metadata_props (onnx.proto3)

    /** The config embedded in the model {@code onnx}, or null if it carries none. */
    public static SchedulerConfig find(Path onnx) {
        Path sidecar = org.gddim.model.ModelMetadata.sidecar(onnx);
        if (Files.isRegularFile(sidecar)) {
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(sidecar.toFile());
            } catch (IOException e) {
                throw new SchedulerConfigException("sidecar " + sidecar + " is not valid JSON: "
                        + Printable.of(String.valueOf(e.getMessage())));
            }
            JsonNode v = node == null ? null : node.get(KEY);
            if (v != null) {
                return SchedulerConfig.parse(v.isTextual() ? v.asText() : v.toString(),
                        "scheduler config " + KEY + " in " + sidecar);
            }
        }
        String text;
        try {
            text = metadataProps(onnx).get(KEY);
        } catch (IOException e) {
            return null; // not readable as ONNX here: the model's own loading names the problem
        }
        return text == null ? null : SchedulerConfig.parse(text, "scheduler config " + KEY + " in the metadata_props of " + onnx);
    }

    /** The {@code metadata_props} of an ONNX file (key to value), every other field skipped. */
    static Map<String, String> metadataProps(Path onnx) throws IOException {
        Map<String, String> props = new HashMap<>();
        try (InputStream stream = Files.newInputStream(onnx)) {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            in.setSizeLimit(Integer.MAX_VALUE);
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (tag == (METADATA_PROPS << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    CodedInputStream entry = in.readBytes().newCodedInput();
                    String key = null;
                    String value = "";
                    for (int t; (t = entry.readTag()) != 0; ) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> key = entry.readStringRequireUtf8();
                            case 2 -> value = entry.readStringRequireUtf8();
                            default -> entry.skipField(t);
                        }
                    }
                    if (key != null) {
                        props.put(key, value);
                    }
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(onnx + " is not an ONNX protobuf: " + e.getMessage(), e);
        }
        return props;
    }
}
