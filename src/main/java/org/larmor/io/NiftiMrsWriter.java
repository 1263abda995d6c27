package org.larmor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
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
 * v0.9): a single-voxel NIfTI-2 image of complex64 time-domain data, dim = [4, 1, 1, 1, points, …], and a header
 * extension (ecode 44) holding the JSON metadata. The higher dimensions, in this order and only where they have
 * more than one entry or exist:
 * <ul>
 *   <li>the acquired conditions, when several, tagged DIM_EDIT with {@code dim_N_header.EditCondition} and a
 *       top-level {@code EditPulse} (MEGA ON/OFF, HERMES A–D);</li>
 *   <li>the indirect dimension, tagged {@link Sequence.Indirect#dimension()} (DIM_INDIRECT_0 for J-resolved t1,
 *       DIM_USER_0 for a TE series) with {@code dim_N_header} giving its header key (EchoTime, s) in full-list form
 *       (§2.3.5, option 1a); that key is then not written at the top level, since it varies.</li>
 * </ul>
 * pixdim[5..7] stay 1: the specification says they are not used for the higher dimensions. Data are in NIfTI's
 * (Fortran) order: time fastest, then dim 5, then dim 6. pixdim[1..3] is the simulated voxel (mm) for localised
 * sequences; unlocalised: pixdim[1..3] = 10000 mm, qform and sform codes 0. The FID is stored as simulated, in the
 * standard's sign convention (lower ppm at positive frequency).
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
     * @param sources acquired conditions (several: stacked on DIM_EDIT, in this order) or one condition or
     *                combination; each is taken at every increment of the indirect dimension, if there is one
     * @return the uncompressed {@code .nii} bytes
     */
    public static byte[] write(BasisSet set, BasisSpectrum spectrum, List<String> sources) {
        Sequence seq = set.sequence();
        int n = set.points();
        List<String> names = spectrumNames(seq, sources);
        byte[] json = json(set, spectrum, sources).getBytes(StandardCharsets.UTF_8);
        // esize counts the 8-byte esize/ecode head; it must be a multiple of 16.
        int esize = (8 + json.length + 15) / 16 * 16;
        long voxOffset = NiftiHeader.SIZE_2 + 4 + esize;
        long[] dim = {4, 1, 1, 1, n, 1, 1, 1};
        for (int size : higherSizes(seq, sources)) {
            dim[(int) ++dim[0]] = size;
        }
        // The simulated voxel's size where the sequence localises (slice-selective pulses), else "unlocalised".
        double[] voxelMm = {UNLOCALISED_MM, UNLOCALISED_MM, UNLOCALISED_MM};
        if (seq.localisation() != null) {
            for (int k = 0; k < 3; k++) {
                voxelMm[k] = seq.localisation().voxelM()[k] * 1e3;
            }
        }
        double[] pixdim = {1, voxelMm[0], voxelMm[1], voxelMm[2], set.dwellS(), 1, 1, 1};
        NiftiHeader h = new NiftiHeader(2, ByteOrder.LITTLE_ENDIAN, NiftiHeader.DT_COMPLEX64, dim, pixdim, voxOffset,
                1.0, NiftiHeader.UNITS_MM_SEC, INTENT, "Larmor basis spectrum " + spectrum.name());

        ByteBuffer b = ByteBuffer.allocate((int) voxOffset + 8 * n * names.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(h.toNifti2Bytes());
        b.put(new byte[] {1, 0, 0, 0});
        b.putInt(esize);
        b.putInt(ECODE_MRS);
        b.put(json);
        b.position((int) voxOffset);
        for (String name : names) {
            Fid fid = spectrum.fid(name);
            for (int k = 0; k < n; k++) {
                b.putFloat((float) fid.re()[k]);
                b.putFloat((float) fid.im()[k]);
            }
        }
        return b.array();
    }

    /**
     * The spectrum names a file of {@code sources} holds, in data order: the source varies fastest (dim 5), the
     * increment slowest, as NIfTI's Fortran order puts them.
     */
    static List<String> spectrumNames(Sequence seq, List<String> sources) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.increments(); i++) {
            for (String c : sources) {
                out.add(seq.spectrumName(c, i));
            }
        }
        return out;
    }

    /** Sizes of dims 5, 6, …: the sources if several, then the increments if there is an indirect dimension. */
    private static List<Integer> higherSizes(Sequence seq, List<String> sources) {
        List<Integer> out = new ArrayList<>();
        if (sources.size() > 1) {
            out.add(sources.size());
        }
        if (seq.indirect() != null) {
            out.add(seq.increments());
        }
        return out;
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
    static String json(BasisSet set, BasisSpectrum spectrum, List<String> sources) {
        Sequence seq = set.sequence();
        Sequence.Indirect ind = seq.indirect();
        // A key that varies along the indirect dimension is given per index in dim_N_header, not once here.
        String varying = ind == null ? null : ind.header();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("SpectrometerFrequency", List.of(set.spectrometerMHz()));
        j.put("ResonantNucleus", List.of(seq.nucleus().symbol()));
        j.put("SpectralWidth", 1.0 / set.dwellS());
        if (Double.isFinite(seq.timing().echoTimeS()) && !"EchoTime".equals(varying)) {
            j.put("EchoTime", seq.timing().echoTimeS());
        }
        if (Double.isFinite(seq.timing().mixingTimeS()) && !"MixingTime".equals(varying)) {
            j.put("MixingTime", seq.timing().mixingTimeS());
        }
        j.put("SequenceName", SequenceLabel.of(seq));
        j.put("ProtocolName", seq.name());
        j.put("ConversionMethod", "Larmor " + set.provenance().larmorVersion());
        j.put(NiftiFormat.RECEIVER_REFERENCE_KEY, userKey(seq.acquisition().referencePpm(), "chemical shift (ppm) at"
                + " the receiver frequency (0 Hz of the spectrum)"));
        int dim = 5;
        if (sources.size() > 1 && seq.conditionDimension().equals("DIM_EDIT")) {
            j.put("dim_" + dim, "DIM_EDIT");
            j.put("dim_" + dim + "_info", "editing condition");
            j.put("dim_" + dim + "_header", Map.of("EditCondition", List.copyOf(sources)));
            Map<String, Object> pulses = EditPulses.of(seq, sources);
            if (!pulses.isEmpty()) {
                j.put("EditPulse", pulses);
            }
            dim++;
        } else if (sources.size() > 1) {
            // Sub-experiments that are not editing: their names as user metadata (a Value with a Description).
            j.put("dim_" + dim, seq.conditionDimension());
            j.put("dim_" + dim + "_info", "sub-experiment (condition)");
            j.put("dim_" + dim + "_header", Map.of("LarmorCondition", userKey(List.copyOf(sources),
                    "Larmor condition (sub-experiment) at each index")));
            dim++;
        }
        if (ind != null) {
            j.put("dim_" + dim, ind.dimension());
            j.put("dim_" + dim + "_info", indirectInfo(ind));
            List<Double> values = new ArrayList<>();
            for (double v : ind.headerS()) {
                values.add(v);
            }
            j.put("dim_" + dim + "_header", Map.of(ind.header(), values));
        }
        j.put("LarmorMetabolite", userKey(spectrum.name(), "Larmor spin-system name of this basis spectrum"));
        List<String> names = spectrumNames(seq, sources);
        if (names.size() == 1 && set.conditions().size() > 1) {
            j.put("LarmorCondition", userKey(names.get(0),
                    "Larmor condition of this file (e.g. DIFF = ON - OFF for MEGA editing)"));
        } else if (names.size() > 1) {
            // Lets a reader name every index as the basis set does (te2_15ms, A_te2_15ms, ...), which the
            // dimension headers alone cannot: they hold EchoTime, not the parameter looped over.
            j.put("LarmorSpectra", userKey(names, "Larmor spectrum name at each index of the higher dimensions,"
                    + " in data order (dim 5 fastest)"));
        }
        if (set.omitted().keySet().stream().anyMatch(names::contains)) {
            Map<String, Object> zero = new LinkedHashMap<>();
            for (String name : names) {
                if (set.omitted().getOrDefault(name, List.of()).contains(spectrum.name())) {
                    zero.put(name, true);
                }
            }
            if (!zero.isEmpty()) {
                j.put("LarmorZeroSignal", userKey(List.copyOf(zero.keySet()), "spectra of this file in which this"
                        + " metabolite's signal cancels (all zero); the single-spectrum formats leave them out"));
            }
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

    /** dim_N_info of the indirect dimension, in the words of the specification's examples. */
    private static String indirectInfo(Sequence.Indirect ind) {
        if (ind.dimension().startsWith("DIM_INDIRECT")) {
            return "incremented echo time for J-evolution (" + ind.parameter() + ")";
        }
        if ("EchoTime".equals(ind.header())) {
            return "echo-time series (" + ind.parameter() + ")";
        }
        return ind.parameter() + " series";
    }

    private static Map<String, Object> userKey(Object value, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Value", value);
        m.put("Description", description);
        return m;
    }
}
