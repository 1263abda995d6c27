package org.larmor.scan;

import com.fasterxml.jackson.databind.JsonNode;
import org.larmor.input.InputException;
import org.larmor.io.NiftiHeader;
import org.larmor.io.NiftiMrsReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acquisition parameters of a NIfTI-MRS file ({@code .nii} or {@code .nii.gz}) as spec2nii and Larmor write
 * them: the header extension's JSON (Clarke WT et al., Magn Reson Med 2022;88:2358-2370; specification v0.9,
 * §5 "Metadata": SpectrometerFrequency in MHz as a list, ResonantNucleus, EchoTime, RepetitionTime, MixingTime in
 * s, SequenceName, ProtocolName, Manufacturer, EditPulse {condition: {PulseOffset ppm, PulseDuration s}}), the
 * dwell time from pixdim[4] in the xyzt_units time unit and the points from dim[4]. Only the header and its
 * extensions are read, never the data.
 */
final class NiftiMrsScanReader {
    private NiftiMrsScanReader() {
    }

    static ScanHeader read(Path file) {
        String src = file.toString();
        byte[] first = ScanFiles.start(file, NiftiHeader.SIZE_2 + 4);
        NiftiHeader h = NiftiHeader.parse(src, first);
        long vox = h.voxOffset();
        if (vox < h.size() + 4 || vox > ScanFiles.MAX_HEADER_BYTES) {
            throw InputException.of(src, "byte " + (h.version() == 2 ? 168 : 108) + ": vox_offset " + vox
                    + " is not a NIfTI-MRS header size (the JSON extension must fit between byte " + (h.size() + 4)
                    + " and " + ScanFiles.MAX_HEADER_BYTES + ")");
        }
        byte[] head = ScanFiles.start(file, (int) vox);
        JsonNode j = NiftiMrsReader.headerJson(src, head);
        Map<HeaderField, ScanHeader.Stated> v = new EnumMap<>(HeaderField.class);
        List<String> notes = new ArrayList<>();
        JsonNode f = j.get("SpectrometerFrequency");
        if (f != null && f.isArray() && !f.isEmpty() && f.get(0).isNumber() && f.get(0).asDouble() > 0) {
            v.put(HeaderField.SPECTROMETER_HZ, new ScanHeader.Stated(f.get(0).asDouble() * 1e6,
                    "SpectrometerFrequency = " + f.get(0).asText() + " MHz"));
        } else if (f != null) {
            throw InputException.of(src, "header extension JSON: SpectrometerFrequency is " + f + ": expected a list"
                    + " of positive numbers in MHz (NIfTI-MRS §5.1)");
        }
        JsonNode n = j.get("ResonantNucleus");
        if (n != null && n.isArray() && !n.isEmpty() && n.get(0).isTextual()) {
            v.put(HeaderField.NUCLEUS, new ScanHeader.Stated(n.get(0).asText(), "ResonantNucleus"));
        }
        seconds(j, "EchoTime", HeaderField.TE_S, v, src, 10);
        seconds(j, "RepetitionTime", HeaderField.TR_S, v, src, 1000);
        seconds(j, "MixingTime", HeaderField.TM_S, v, src, 10);
        text(j, "SequenceName", HeaderField.SEQUENCE_NAME, v);
        text(j, "ProtocolName", HeaderField.PROTOCOL_NAME, v);
        text(j, "Manufacturer", HeaderField.MANUFACTURER, v);
        if (!v.containsKey(HeaderField.TE_S)) {
            // A TE series or J-PRESS states its echo times along a dimension: the first is not "the" TE.
            for (int k = 5; k <= 7; k++) {
                if (j.path("dim_" + k + "_header").has("EchoTime")) {
                    notes.add("EchoTime varies along dim_" + k + " (" + j.path("dim_" + k).asText() + "): a series"
                            + " of echo times, not one TE");
                }
            }
        }
        double dwell = h.dwellS();
        if (dwell > 0 && dwell < 1 && Double.isFinite(dwell)) {
            v.put(HeaderField.DWELL_S, new ScanHeader.Stated(dwell, "pixdim[4] = " + h.pixdim()[4]
                    + unitName(h.xyztUnits())));
        }
        long[] dim = h.dim();
        if (dim[0] >= 4 && dim[4] >= 1 && dim[4] <= Integer.MAX_VALUE) {
            v.put(HeaderField.POINTS, new ScanHeader.Stated((int) dim[4], "dim[4]"));
        }
        for (int k = 5; k <= Math.min(7, dim[0]); k++) {
            if (j.path("dim_" + k).asText("").equals("DIM_EDIT")) {
                v.put(HeaderField.EDIT_CONDITIONS, new ScanHeader.Stated((int) dim[k], "dim_" + k + " = DIM_EDIT,"
                        + " dim[" + k + "] = " + dim[k]));
            }
        }
        JsonNode ep = j.get("EditPulse");
        if (ep != null && ep.isObject()) {
            Map<String, List<Double>> pulses = new LinkedHashMap<>();
            double duration = Double.NaN;
            var it = ep.fields();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode off = e.getValue().path("PulseOffset");
                List<Double> ppm = new ArrayList<>();
                if (off.isNumber()) {
                    ppm.add(off.asDouble());
                } else if (off.isArray()) {
                    off.forEach(x -> {
                        if (x.isNumber()) {
                            ppm.add(x.asDouble());
                        }
                    });
                }
                if (ppm.isEmpty()) {
                    throw InputException.of(src, "header extension JSON: EditPulse." + e.getKey() + ".PulseOffset is "
                            + off + ": expected a number (ppm) or a list of them");
                }
                pulses.put(e.getKey(), ppm);
                JsonNode d = e.getValue().path("PulseDuration");
                if (d.isNumber() && d.asDouble() > 0) {
                    duration = d.asDouble();
                }
            }
            if (!pulses.isEmpty()) {
                v.put(HeaderField.EDIT_PULSES, new ScanHeader.Stated(pulses, "EditPulse"));
            }
            if (!Double.isNaN(duration)) {
                v.put(HeaderField.EDIT_DURATION_S, new ScanHeader.Stated(duration, "EditPulse.*.PulseDuration"));
            }
        }
        return new ScanHeader(file, "NIfTI-MRS", v, notes);
    }

    private static String unitName(int xyzt) {
        return switch (xyzt & 0x38) {
            case 16 -> " ms";
            case 24 -> " µs";
            default -> " s";
        };
    }

    private static void seconds(JsonNode j, String key, HeaderField f, Map<HeaderField, ScanHeader.Stated> v,
                                String src, double maxS) {
        JsonNode n = j.get(key);
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isNumber() || !(n.asDouble() >= 0) || n.asDouble() > maxS) {
            throw InputException.of(src, "header extension JSON: " + key + " is " + n + ": expected a time in"
                    + " seconds (NIfTI-MRS §5.1)" + (n.isNumber() && n.asDouble() > maxS ? ", at most " + (long) maxS + " s; is it in ms?" : ""));
        }
        v.put(f, new ScanHeader.Stated(n.asDouble(), key + " = " + n.asText() + " s"));
    }

    private static void text(JsonNode j, String key, HeaderField f, Map<HeaderField, ScanHeader.Stated> v) {
        JsonNode n = j.get(key);
        if (n != null && n.isTextual() && !n.asText().isBlank()) {
            v.put(f, new ScanHeader.Stated(n.asText().trim(), key));
        }
    }
}
