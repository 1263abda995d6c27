package org.larmor.realism;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.input.InputException;
import org.larmor.io.NiftiMrsReader;
import org.larmor.io.NiftiMrsScan;
import org.larmor.signal.Fid;
import org.larmor.spin.Nucleus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a cohort of single-voxel NIfTI-MRS spectra (a file, a folder of them at any depth, or a Larmor synthetic
 * dataset written with {@code --nifti}) and measures each with one {@link FeatureExtractor}.
 *
 * <p>Per file: transients on {@code DIM_DYN} are averaged as stored (no frequency or phase alignment: align
 * drifting transients first, e.g. with FSL-MRS {@code fsl_mrs_preproc}); uncombined coils ({@code DIM_COIL} of size
 * above 1) are refused, since a plain sum of channels with their own phases and sensitivities is not a spectrum a
 * scanner would give; edited ({@code DIM_EDIT}) and other higher dimensions with more than one entry are refused:
 * give one sub-spectrum per file.
 */
public final class CohortReader {
    /** Larmor's averaged synthetic spectra in a dataset's nifti/ folder (not transients, water or components). */
    static final Pattern LARMOR_SPECTRUM = Pattern.compile("spectrum_\\d+\\.nii(\\.gz)?");
    /** Most files a cohort may hold. */
    static final int MAX_FILES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CohortReader() {
    }

    /**
     * @param excludeMissingPeak leave out (and list) spectra whose reference peak is not there, rather than refuse
     * @throws InputException for unreadable files, unsupported dimensions, non-¹H data, fields more than 5 % apart
     *                        within the cohort, or (unless excluded) a spectrum without its reference peak
     */
    public static Cohort read(Path input, String label, FeatureExtractor fx, boolean excludeMissingPeak) {
        return read(input, label, fx, excludeMissingPeak, null);
    }

    /**
     * @param condition for edited data: the DIM_EDIT entry to measure, by its {@code EditCondition} name (e.g. OFF),
     *                  or for a Larmor dataset a combination written beside the spectra (DIFF); null for unedited
     *                  data. A file without DIM_EDIT is taken as that condition.
     */
    public static Cohort read(Path input, String label, FeatureExtractor fx, boolean excludeMissingPeak,
                              String condition) {
        List<String> notes = new ArrayList<>();
        Map<String, Object> provenance = new LinkedHashMap<>();
        List<Path> files = files(input, notes, provenance, condition);
        int editSelected = 0;
        List<SpectrumFeatures> ok = new ArrayList<>();
        List<SpectrumFeatures> refused = new ArrayList<>();
        double[] mhz = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int[] points = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        double[] dwell = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int averagedFiles = 0;
        Set<Integer> transients = new LinkedHashSet<>();
        int assumedReference = 0;
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            NiftiMrsScan scan = NiftiMrsReader.scan(f);
            String src = f.toString();
            names.add(src);
            if (scan.nucleus() != null && !Nucleus.parse(scan.nucleus()).map(n -> n == Nucleus.H1).orElse(false)) {
                throw InputException.of(src, "ResonantNucleus " + scan.nucleus() + ": realism measures 1H spectra"
                        + " (its reference peaks and windows are on the 1H scale)");
            }
            int dyn = 1;
            int editDim = -1;
            int editIndex = -1;
            for (int d = 0; d < scan.sizes().length; d++) {
                int size = scan.sizes()[d];
                if (size == 1) {
                    continue;
                }
                String tag = scan.tags().get(d);
                switch (tag) {
                    case "DIM_DYN" -> dyn *= size;
                    case "DIM_COIL" -> throw InputException.of(src, "dim_" + (d + 5) + " is DIM_COIL with " + size
                            + " coils: uncombined coil data are refused; combine the coils first (e.g. FSL-MRS"
                            + " fsl_mrs_proc coilcombine, or spec2nii's combined output), then average the transients");
                    case "DIM_EDIT" -> {
                        List<String> conditions = new ArrayList<>();
                        scan.meta().path("dim_" + (d + 5) + "_header").path("EditCondition")
                                .forEach(n -> conditions.add(n.asText()));
                        if (condition == null) {
                            throw InputException.of(src, "dim_" + (d + 5) + " is DIM_EDIT with " + size
                                    + " conditions" + (conditions.isEmpty() ? "" : " (" + String.join(", ", conditions)
                                    + ")") + ": choose one with --condition, or give one sub-spectrum per file");
                        }
                        editDim = d;
                        for (int i = 0; i < conditions.size() && i < size; i++) {
                            if (conditions.get(i).equalsIgnoreCase(condition)) {
                                editIndex = i;
                            }
                        }
                        if (editIndex < 0) {
                            throw InputException.of(src, "--condition " + condition + ": the DIM_EDIT conditions"
                                    + " are " + (conditions.isEmpty() ? "not named (no dim_" + (d + 5)
                                    + "_header.EditCondition)" : String.join(", ", conditions)));
                        }
                    }
                    default -> throw InputException.of(src, "dim_" + (d + 5) + " is " + tag + " with " + size
                            + " entries: realism compares one spectrum per file (DIM_DYN transients are averaged)");
                }
            }
            Fid fid = average(select(scan, editDim, editIndex));
            if (editDim >= 0) {
                editSelected++;
            }
            if (dyn > 1) {
                averagedFiles++;
                transients.add(dyn);
            }
            double ref = scan.receiverReferencePpm();
            if (Double.isNaN(ref)) {
                ref = Nucleus.H1.ppmConvention().defaultReceiverPpm();
                assumedReference++;
            }
            double f0 = scan.spectrometerMHz();
            if (!(f0 > 0)) {
                throw InputException.of(src, "SpectrometerFrequency " + f0 + " MHz: expected a positive frequency");
            }
            mhz[0] = Math.min(mhz[0], f0);
            mhz[1] = Math.max(mhz[1], f0);
            if (mhz[1] > 1.05 * mhz[0]) {
                throw InputException.of(src, String.format(Locale.ROOT, "SpectrometerFrequency %.3f MHz is more"
                        + " than 5 %% from another file's %.3f MHz in %s: a cohort is from one field strength",
                        f0, f0 == mhz[1] ? mhz[0] : mhz[1], input));
            }
            points[0] = Math.min(points[0], fid.points());
            points[1] = Math.max(points[1], fid.points());
            dwell[0] = Math.min(dwell[0], fid.dwellS());
            dwell[1] = Math.max(dwell[1], fid.dwellS());
            SpectrumFeatures sf = fx.measure(src, fid, f0, ref);
            if (sf.isRefused()) {
                if (!excludeMissingPeak) {
                    throw InputException.of(src, sf.refusal() + "; no SNR, linewidth, offset or phase is measured"
                            + " on a peak that is not there (check the file, choose another --reference, or leave"
                            + " such spectra out with --exclude-missing-peak)");
                }
                refused.add(sf);
            } else {
                ok.add(sf);
            }
        }
        if (ok.isEmpty()) {
            throw InputException.of(input.toString(), "no spectrum of the " + label + " cohort has its "
                    + fx.settings().reference().name() + " peak (" + refused.size() + " refused)");
        }
        if (editSelected > 0) {
            notes.add(editSelected + " of " + files.size() + " files are edited (DIM_EDIT): measured on their "
                    + condition + " sub-spectra");
        }
        if (averagedFiles > 0) {
            notes.add(averagedFiles + " of " + files.size() + " files hold transients (DIM_DYN, " + join(transients)
                    + " each): averaged as stored, without frequency or phase alignment, before measuring");
        }
        if (assumedReference > 0) {
            notes.add(assumedReference + " of " + files.size() + " files do not state the receiver reference: "
                    + Nucleus.H1.ppmConvention().defaultReceiverPpm() + " ppm assumed (the NIfTI-MRS convention"
                    + " for 1H)");
        }
        if (!refused.isEmpty()) {
            notes.add(refused.size() + " spectra left out: no " + fx.settings().reference().name() + " peak"
                    + " (listed below)");
        }
        return new Cohort(label, input.toString(), names, ok, refused, mhz, points, dwell, notes, provenance);
    }

    private static String join(Set<Integer> s) {
        return String.join(", ", s.stream().map(String::valueOf).toList());
    }

    /** The FIDs whose index along higher dimension {@code dim} is {@code index}; all of them when dim < 0. */
    static List<Fid> select(NiftiMrsScan scan, int dim, int index) {
        if (dim < 0) {
            return scan.fids();
        }
        int stride = 1;
        for (int d = 0; d < dim; d++) {
            stride *= scan.sizes()[d];
        }
        List<Fid> out = new ArrayList<>();
        for (int c = 0; c < scan.fids().size(); c++) {
            if ((c / stride) % scan.sizes()[dim] == index) {
                out.add(scan.fids().get(c));
            }
        }
        return out;
    }

    static Fid average(List<Fid> fids) {
        if (fids.size() == 1) {
            return fids.get(0);
        }
        int n = fids.get(0).points();
        double[] re = new double[n];
        double[] im = new double[n];
        for (Fid f : fids) {
            for (int k = 0; k < n; k++) {
                re[k] += f.re()[k];
                im[k] += f.im()[k];
            }
        }
        for (int k = 0; k < n; k++) {
            re[k] /= fids.size();
            im[k] /= fids.size();
        }
        return new Fid(re, im, fids.get(0).dwellS());
    }

    /** The NIfTI-MRS files of an input, in path order. */
    static List<Path> files(Path input, List<String> notes, Map<String, Object> provenance, String condition) {
        if (!Files.exists(input)) {
            throw InputException.of(input.toString(), "no such file or folder");
        }
        if (Files.isRegularFile(input)) {
            if (!isNifti(input)) {
                throw InputException.of(input.toString(), "not a NIfTI-MRS file: expected .nii or .nii.gz");
            }
            return List.of(input);
        }
        boolean dataset = Files.isRegularFile(input.resolve("run.json"))
                || Files.isRegularFile(input.resolve("manifest.json"));
        if (dataset) {
            readRunJson(input.resolve("run.json"), provenance);
            Path nifti = input.resolve("nifti");
            if (!Files.isDirectory(nifti)) {
                throw InputException.of(input.toString(), "a Larmor synthetic dataset without NIfTI-MRS files: write"
                        + " it with larmor synth … --nifti");
            }
            List<Path> all = list(nifti, 1);
            if (condition != null) {
                Pattern combination = Pattern.compile("spectrum_\\d+_" + Pattern.quote(condition)
                        + "\\.nii(\\.gz)?", Pattern.CASE_INSENSITIVE);
                List<Path> combined = all.stream()
                        .filter(p -> combination.matcher(p.getFileName().toString()).matches()).toList();
                if (!combined.isEmpty()) {
                    notes.add("Larmor synthetic dataset: read the " + condition + " combination"
                            + " nifti/spectrum_NNNNNNN_" + condition + ".nii.gz (" + combined.size() + ")");
                    return combined;
                }
            }
            List<Path> out = all.stream()
                    .filter(p -> LARMOR_SPECTRUM.matcher(p.getFileName().toString()).matches()).toList();
            if (out.isEmpty()) {
                throw InputException.of(nifti.toString(), "no spectrum_NNNNNNN.nii.gz files");
            }
            notes.add("Larmor synthetic dataset: read the averaged spectra nifti/spectrum_NNNNNNN.nii.gz ("
                    + out.size() + "), not the transients, water references or components");
            return out;
        }
        List<Path> out = list(input, 8).stream().filter(CohortReader::isNifti).toList();
        if (out.isEmpty()) {
            throw InputException.of(input.toString(), "no NIfTI-MRS files (.nii, .nii.gz) in the folder or below it");
        }
        return out;
    }

    private static void readRunJson(Path runJson, Map<String, Object> provenance) {
        if (!Files.isRegularFile(runJson)) {
            return;
        }
        try {
            Map<?, ?> m = JSON.readValue(runJson.toFile(), Map.class);
            for (String k : List.of("generator", "larmor_version", "scenario", "scenario_sha256", "seed", "count")) {
                if (m.get(k) != null) {
                    provenance.put(k, m.get(k));
                }
            }
        } catch (IOException e) {
            throw InputException.of(runJson.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static List<Path> list(Path dir, int depth) {
        try (Stream<Path> s = Files.walk(dir, depth)) {
            List<Path> out = s.filter(Files::isRegularFile).sorted().limit(MAX_FILES + 1L).toList();
            if (out.size() > MAX_FILES) {
                throw InputException.of(dir.toString(), "holds more than " + MAX_FILES + " files");
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw InputException.of(dir.toString(), "cannot list folder: " + e.getMessage());
        }
    }

    private static boolean isNifti(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }
}
