package org.larmor.scan;

import org.larmor.input.InputException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Philips {@code .SPAR} file (the text parameters beside an {@code .SDAT}): {@code key : value} lines, {@code !}
 * comments (Philips "GYROSCAN spectro parameter file", as read by spec2nii's {@code philips.py}, FID-A
 * {@code io_loadspec_sdat} and Osprey). Keys read and their units: {@code echo_time}, {@code repetition_time},
 * {@code mix_time} (ms), {@code synthesizer_frequency} (Hz), {@code sample_frequency} (Hz, the spectral width),
 * {@code samples} (points), {@code nucleus}, {@code scan_id} (the protocol's name, which names the sequence on
 * Philips: "PRESS", "sLASER", "MEGA"), {@code examination_name}. The format is Philips': the manufacturer is taken
 * from it.
 */
final class SparReader {
    private SparReader() {
    }

    static ScanHeader read(Path file) {
        String src = file.toString();
        String text = new String(ScanFiles.read(file, 0, 1 << 20), StandardCharsets.ISO_8859_1);
        Map<String, String[]> kv = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            int colon = l.indexOf(':');
            if (l.startsWith("!") || colon <= 0) {
                continue;
            }
            kv.putIfAbsent(ScanText.lower(l.substring(0, colon).trim()), new String[] {l.substring(colon + 1).trim(),
                String.valueOf(i + 1)});
        }
        if (!kv.containsKey("synthesizer_frequency") && !kv.containsKey("samples") && !kv.containsKey("scan_id")) {
            throw InputException.of(src, "not a Philips .SPAR file: none of synthesizer_frequency, samples or scan_id"
                    + " is in it");
        }
        Map<HeaderField, ScanHeader.Stated> v = new EnumMap<>(HeaderField.class);
        ScanText.putNumber(kv, src, "echo_time", 1e-3, "ms", HeaderField.TE_S, v);
        ScanText.putNumber(kv, src, "repetition_time", 1e-3, "ms", HeaderField.TR_S, v);
        ScanText.putNumber(kv, src, "mix_time", 1e-3, "ms", HeaderField.TM_S, v);
        ScanText.putNumber(kv, src, "synthesizer_frequency", 1, "Hz", HeaderField.SPECTROMETER_HZ, v);
        if (kv.containsKey("sample_frequency")) {
            String[] p = kv.get("sample_frequency");
            double sw = ScanText.number(src, Integer.parseInt(p[1]), "sample_frequency", p[0]);
            if (sw > 0) {
                v.put(HeaderField.DWELL_S, new ScanHeader.Stated(1 / sw, "sample_frequency = " + p[0] + " Hz"));
            }
        }
        ScanText.putCount(kv, src, "samples", HeaderField.POINTS, v);
        ScanText.putText(kv, "nucleus", HeaderField.NUCLEUS, v);
        ScanText.putText(kv, "scan_id", HeaderField.SEQUENCE_NAME, v);
        ScanText.putText(kv, "examination_name", HeaderField.PROTOCOL_NAME, v);
        v.put(HeaderField.MANUFACTURER, new ScanHeader.Stated("Philips", "the .SPAR format, Philips'"));
        return new ScanHeader(file, "Philips SPAR", v, List.of());
    }

}
