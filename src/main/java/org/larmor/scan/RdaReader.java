package org.larmor.scan;

import org.larmor.input.InputException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text header of a Siemens {@code .rda} file (syngo MR spectroscopy export): {@code Key: value} lines between
 * {@code >>> Begin of header <<<} and {@code >>> End of header <<<}, then binary data (Siemens syngo MR
 * spectroscopy RDA format, as documented by the readers of FID-A {@code io_loadrda}, Osprey and spant
 * {@code read_rda}). Keys read and their units: {@code TE}, {@code TR}, {@code TM} (ms), {@code MRFrequency} (MHz),
 * {@code MagneticFieldStrength} (T), {@code DwellTime} (µs), {@code VectorSize} (points), {@code Nucleus},
 * {@code SequenceName}, {@code ProtocolName}. The format is Siemens': the manufacturer is taken from it.
 */
final class RdaReader {
    static final String BEGIN = ">>> Begin of header <<<";
    static final String END = ">>> End of header <<<";

    private RdaReader() {
    }

    static ScanHeader read(Path file) {
        String src = file.toString();
        String text = new String(ScanFiles.read(file, 0, 1 << 20), StandardCharsets.ISO_8859_1);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0) {
            throw InputException.of(src, "not a Siemens .rda file: no \"" + BEGIN + "\" in its first MB");
        }
        if (end < begin) {
            throw InputException.of(src, "the .rda header has no \"" + END + "\" (truncated file?)");
        }
        Map<String, String[]> kv = new LinkedHashMap<>();
        String[] lines = text.substring(0, end).split("\r?\n", -1);
        int first = text.substring(0, begin).split("\n", -1).length;
        for (int i = first; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                kv.putIfAbsent(lines[i].substring(0, colon).trim(), new String[] {lines[i].substring(colon + 1).trim(),
                    String.valueOf(i + 1)});
            }
        }
        Map<HeaderField, ScanHeader.Stated> v = new EnumMap<>(HeaderField.class);
        ScanText.putNumber(kv, src, "TE", 1e-3, "ms", HeaderField.TE_S, v);
        ScanText.putNumber(kv, src, "TR", 1e-3, "ms", HeaderField.TR_S, v);
        ScanText.putNumber(kv, src, "TM", 1e-3, "ms", HeaderField.TM_S, v);
        ScanText.putNumber(kv, src, "MRFrequency", 1e6, "MHz", HeaderField.SPECTROMETER_HZ, v);
        ScanText.putNumber(kv, src, "MagneticFieldStrength", 1, "T", HeaderField.B0_T, v);
        ScanText.putNumber(kv, src, "DwellTime", 1e-6, "µs", HeaderField.DWELL_S, v);
        ScanText.putCount(kv, src, "VectorSize", HeaderField.POINTS, v);
        ScanText.putText(kv, "Nucleus", HeaderField.NUCLEUS, v);
        ScanText.putText(kv, "SequenceName", HeaderField.SEQUENCE_NAME, v);
        ScanText.putText(kv, "ProtocolName", HeaderField.PROTOCOL_NAME, v);
        v.put(HeaderField.MANUFACTURER, new ScanHeader.Stated("Siemens", "the .rda format, Siemens syngo's export"));
        return new ScanHeader(file, "Siemens RDA", v, List.of());
    }

}
