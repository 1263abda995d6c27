package org.larmor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one metabolite as a NIfTI-MRS file (Clarke WT et al., Magn Reson Med 2022;88:2358-2370; specification
 * v0.9): a single-voxel NIfTI-2 image of complex64 time-domain data, dim = [4, 1, 1, 1, points], or
 * [5, 1, 1, 1, points, conditions] with the fifth dimension tagged DIM_EDIT for edited sequences (MEGA ON/OFF), and a
 * header extension (ecode 44) holding the JSON metadata. pixdim[1..3] is the simulated voxel (mm) for localised
 * sequences; unlocalised: pixdim[1..3] = 10000 mm, qform and sform
 * codes 0. The FID is stored as simulated, in the standard's sign convention (lower ppm at positive frequency).
 *
 * <p>The JSON has no timestamp, so the same basis set always gives the same bytes.
 */
public final class NiftiMrsWriter {
    /** NIfTI-MRS standard version written, as the {@code nifti_mrs} reference library writes it. */
    public static final String INTENT = "mrs_v0_9";
    /** NIFTI_ECODE_MRS. */
    public static final int ECODE_MRS = 44;
    /** Voxel size for unlocalised data, in mm (the specification's convention for simulated spectra). */
    public static final double UNLOCALISED_MM = 10000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private NiftiMrsWriter() {
    }

    /**
     * @param conditions one condition (a plain file) or several (stacked on dim 5 as DIM_EDIT, in this order)
     * @return the uncompressed {@code .nii} bytes
     */
    public static byte[] write(BasisSet set, BasisSpectrum spectrum, List<String> conditions) {
        int n = set.points();
        byte[] json = json(set, spectrum, conditions).getBytes(StandardCharsets.UTF_8);
        // esize counts the 8-byte esize/ecode head; it must be a multiple of 16.
        int esize = (8 + json.length + 15) / 16 * 16;
        long voxOffset = NiftiHeader.SIZE_2 + 4 + esize;
        long[] dim = {conditions.size() > 1 ? 5 : 4, 1, 1, 1, n, conditions.size() > 1 ? conditions.size() : 1, 1, 1};
        // The simulated voxel's size where the sequence localises (slice-selective pulses), else "unlocalised".
        double[] voxelMm = {UNLOCALISED_MM, UNLOCALISED_MM, UNLOCALISED_MM};
        if (set.sequence().localisation() != null) {
            for (int k = 0; k < 3; k++) {
                voxelMm[k] = set.sequence().localisation().voxelM()[k] * 1e3;
            }
        }
        double[] pixdim = {1, voxelMm[0], voxelMm[1], voxelMm[2], set.dwellS(), 1, 1, 1};
        NiftiHeader h = new NiftiHeader(2, ByteOrder.LITTLE_ENDIAN, NiftiHeader.DT_COMPLEX64, dim, pixdim, voxOffset,
                1.0, NiftiHeader.UNITS_MM_SEC, INTENT, "Larmor basis spectrum " + spectrum.name());

        ByteBuffer b = ByteBuffer.allocate((int) voxOffset + 8 * n * conditions.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(h.toNifti2Bytes());
        b.put(new byte[] {1, 0, 0, 0});
        b.putInt(esize);
        b.putInt(ECODE_MRS);
        b.put(json);
        b.position((int) voxOffset);
        for (String c : conditions) {
            Fid fid = spectrum.fid(c);
            for (int k = 0; k < n; k++) {
                b.putFloat((float) fid.re()[k]);
                b.putFloat((float) fid.im()[k]);
            }
        }
        return b.array();
    }

    /** gzip, as {@code .nii.gz}; deterministic (Java writes a zero modification time). */
    public static byte[] gzip(byte[] nii) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nii.length / 2);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(nii);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The header-extension JSON: standard keys, dimension tags, and Larmor's user keys (objects with Description). */
    static String json(BasisSet set, BasisSpectrum spectrum, List<String> conditions) {
        Sequence seq = set.sequence();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("SpectrometerFrequency", List.of(set.spectrometerMHz()));
        j.put("ResonantNucleus", List.of(seq.nucleus().symbol()));
        j.put("SpectralWidth", 1.0 / set.dwellS());
        if (Double.isFinite(seq.timing().echoTimeS())) {
            j.put("EchoTime", seq.timing().echoTimeS());
        }
        if (Double.isFinite(seq.timing().mixingTimeS())) {
            j.put("MixingTime", seq.timing().mixingTimeS());
        }
        j.put("SequenceName", SequenceLabel.of(seq));
        j.put("ProtocolName", seq.name());
        j.put("ConversionMethod", "Larmor " + set.provenance().larmorVersion());
        if (conditions.size() > 1) {
            j.put("dim_5", "DIM_EDIT");
            j.put("dim_5_info", "editing condition");
            j.put("dim_5_header", Map.of("EditCondition", List.copyOf(conditions)));
            Map<String, Object> pulses = editPulses(seq, conditions);
            if (!pulses.isEmpty()) {
                j.put("EditPulse", pulses);
            }
        }
        j.put("LarmorMetabolite", userKey(spectrum.name(), "Larmor spin-system name of this basis spectrum"));
        if (conditions.size() == 1 && set.conditions().size() > 1) {
            j.put("LarmorCondition", userKey(conditions.get(0),
                    "Larmor condition of this file (e.g. DIFF = ON - OFF for MEGA editing)"));
        }
        Map<String, Object> prov = new LinkedHashMap<>(set.provenance().toMap());
        prov.put("metabolites", List.of(set.provenance().metabolite(spectrum.name())));
        j.put("LarmorProvenance", userKey(prov, "How Larmor simulated this spectrum: version, conventions,"
                + " sequence parameters and events, spin-system source and content hash"));
        try {
            return JSON.writeValueAsString(j);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance is not serialisable", e);
        }
    }

    /** EditPulse: per condition, the centre (ppm) of its first band-selective pulse, if every condition has one. */
    private static Map<String, Object> editPulses(Sequence seq, List<String> conditions) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String c : conditions) {
            Event.Band band = null;
            for (Sequence.Variant v : seq.variants()) {
                if (v.name().equals(c)) {
                    band = v.events().stream().filter(e -> e instanceof Event.Pulse p && !p.bands().isEmpty())
                            .map(e -> ((Event.Pulse) e).bands().get(0)).findFirst().orElse(null);
                }
            }
            if (band == null) {
                return Map.of();
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("PulseOffset", band.centerPpm());
            p.put("Nucleus", seq.nucleus().symbol());
            out.put(c, p);
        }
        return out;
    }

    private static Map<String, Object> userKey(Object value, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Value", value);
        m.put("Description", description);
        return m;
    }

    /** Every condition the NIfTI writer stacks in one file: the sequence's acquired variants. */
    static List<String> stacked(BasisSet set) {
        List<String> out = new ArrayList<>();
        set.sequence().variants().forEach(v -> out.add(v.name()));
        return out;
    }
}
