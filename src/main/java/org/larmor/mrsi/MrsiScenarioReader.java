package org.larmor.mrsi;

import org.larmor.input.FileNames;
import org.larmor.input.InputException;
import org.larmor.input.Sha256;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;
import org.larmor.synth.ComponentTables;
import org.larmor.synth.Peak;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an MRSI scenario (docs/mrsi.md). Every number is checked against its unit's range; an error names the
 * file, line and field ({@link InputException}).
 */
public final class MrsiScenarioReader {
    private MrsiScenarioReader() {
    }

    /** Reads a file; relative paths in it (basis, presets) are resolved against its folder. */
    public static MrsiScenario read(Path file, List<Path> presetDirs) {
        String text = YamlReader.text(file);
        return parse(file.toString(), text, file.toAbsolutePath().getParent(), presetDirs);
    }

    public static MrsiScenario parse(String source, String text, Path baseDir, List<Path> presetDirs) {
        YamlMap m = YamlReader.read(source, text).asMap();
        m.allowOnly("name", "description", "notes", "seed", "basis", "tissues", "lesions", "lipids", "residual_water",
                "phantom", "b0", "b1", "encoding");
        String name = m.string("name", FileNames.stem(source));
        m.string("description", "");
        Long seed = null;
        if (m.has("seed")) {
            YamlNode s = m.require("seed");
            double v = s.asDouble();
            if (v != Math.rint(v) || v < 0 || v > 9.007199254740992E15) {
                throw s.error("expected a whole number from 0 to 2^53, got " + s.asScalar().text());
            }
            seed = (long) v;
        }
        Scenario.BasisSpec basis = ScenarioReader.basisSpec(m.map("basis"), baseDir);
        YamlMap t = m.map("tissues");
        t.allowOnly(MrsiScenario.TISSUES);
        List<MrsiScenario.Tissue> tissues = new ArrayList<>();
        boolean any = false;
        for (String tissue : MrsiScenario.TISSUES) {
            if (!t.has(tissue)) {
                tissues.add(new MrsiScenario.Tissue(tissue, List.of(), 0));
                continue;
            }
            YamlMap one = t.map(tissue);
            one.allowOnly("concentrations_mm", "lorentzian_hz", "macromolecules");
            List<Scenario.Metabolite> metabolites = one.has("concentrations_mm")
                    ? ScenarioReader.concentrations(one, baseDir, presetDirs) : List.of();
            any |= !metabolites.isEmpty();
            tissues.add(new MrsiScenario.Tissue(tissue, metabolites, one.number("lorentzian_hz", 0, 200, "Hz", 0),
                    ScenarioReader.macromolecules(one)));
        }
        if (!any) {
            throw t.error("no tissue has metabolites: give concentrations_mm (e.g. {preset: healthy-grey-matter})"
                    + " for grey_matter or white_matter");
        }
        List<MrsiScenario.Lesion> lesions = new ArrayList<>();
        if (m.has("lesions")) {
            java.util.Set<String> names = new java.util.HashSet<>(MrsiScenario.TISSUES);
            names.add("lipid");
            for (YamlNode n : m.list("lesions").items()) {
                YamlMap l = n.asMap();
                l.allowOnly("name", "centre_mm", "radius_mm", "concentrations_mm", "lorentzian_hz", "macromolecules");
                String lname = l.string("name", "lesion_" + (lesions.size() + 1));
                if (!lname.matches("[A-Za-z0-9_-]+") || !names.add(lname)) {
                    throw (l.has("name") ? l.require("name") : l).error("lesion name \"" + lname + "\" is taken or"
                            + " not a plain word (letters, digits, _ and -)");
                }
                double[] centre = l.list("centre_mm").requireSize(3).asDoubles(-1000, 1000, "mm");
                for (int k = 0; k < 3; k++) {
                    centre[k] *= 1e-3;
                }
                List<Scenario.Metabolite> mets = ScenarioReader.concentrations(l, baseDir, presetDirs);
                lesions.add(new MrsiScenario.Lesion(new MrsiScenario.Tissue(lname, mets,
                        l.number("lorentzian_hz", 0, 200, "Hz", 0), ScenarioReader.macromolecules(l)), centre,
                        l.number("radius_mm", 0.1, 500, "mm") * 1e-3));
            }
        }
        MrsiScenario.Lipids lipids = null;
        if (m.has("lipids")) {
            YamlMap l = m.map("lipids");
            l.allowOnly("model", "scale");
            YamlNode model = l.require("model");
            List<Peak> peaks = ComponentTables.LIPIDS.get(model.asString());
            if (peaks == null) {
                throw model.error("unknown lipids model \"" + model.asString() + "\"; known: "
                        + String.join(", ", ComponentTables.LIPIDS.keySet()));
            }
            lipids = new MrsiScenario.Lipids(model.asString(), peaks, l.number("scale", 0, 1e6, "mM"));
        }
        MrsiScenario.ResidualWater water = null;
        if (m.has("residual_water")) {
            YamlMap w = m.map("residual_water");
            Scenario.RandomLines lines = ScenarioReader.residualWater(w, "voxel_factor");
            org.larmor.synth.Distribution factor = w.has("voxel_factor")
                    ? org.larmor.synth.Distribution.parse(w.require("voxel_factor"), 0, 1e3, "")
                    : org.larmor.synth.Distribution.fixed(1);
            water = new MrsiScenario.ResidualWater(lines, factor);
        }
        MrsiScenario.PhantomSpec phantom = phantom(m.map("phantom"), baseDir);
        MrsiScenario.B0Spec b0 = b0(m.has("b0") ? m.map("b0") : null);
        MrsiScenario.B1Spec b1 = b1(m.has("b1") ? m.map("b1") : null, basis);
        MrsiScenario.EncodingSpec encoding = encoding(m.has("encoding") ? m.map("encoding") : null);
        return new MrsiScenario(name, source, Sha256.hex(text), seed, basis, tissues, lesions, lipids, phantom, b0, b1,
                encoding, water, m.toPlain());
    }

    private static MrsiScenario.PhantomSpec phantom(YamlMap p, Path baseDir) {
        p.allowOnly("kind", "tissue", "matrix", "fov_mm", "slice_position_mm", "oversampling", "slice_samples",
                "head_semi_axes_mm", "skull_mm", "csf_mm", "grey_matter_mm", "ventricles", "tissue_maps");
        String kind = p.string("kind", "head");
        if (!kind.equals("head") && !kind.equals("uniform") && !kind.equals("nifti")) {
            throw p.require("kind").error("expected head, uniform or nifti, got \"" + kind + "\"");
        }
        List<org.larmor.io.NiftiImageReader.Image> maps = new ArrayList<>();
        if (kind.equals("nifti")) {
            YamlMap tm = p.map("tissue_maps");
            tm.allowOnly(Phantom.CLASSES);
            if (tm.keys().isEmpty()) {
                throw tm.error("give at least one volume-fraction image (" + String.join(", ", Phantom.CLASSES) + ")");
            }
            for (String c : Phantom.CLASSES) {
                if (!tm.has(c)) {
                    maps.add(null);
                    continue;
                }
                YamlNode f = tm.require(c);
                Path path = Path.of(f.asString());
                Path resolved = path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize();
                if (!java.nio.file.Files.isRegularFile(resolved)) {
                    throw f.error("file not found: " + resolved);
                }
                maps.add(org.larmor.io.NiftiImageReader.read(resolved));
            }
        } else if (p.has("tissue_maps")) {
            throw p.require("tissue_maps").error("tissue_maps are for kind: nifti");
        }
        int uniformTissue = -1;
        if (kind.equals("uniform")) {
            YamlNode tn = p.require("tissue");
            uniformTissue = MrsiScenario.TISSUES.indexOf(tn.asString());
            if (uniformTissue < 0) {
                throw tn.error("expected one of " + String.join(", ", MrsiScenario.TISSUES) + ", got \""
                        + tn.asString() + "\"");
            }
        } else if (p.has("tissue")) {
            throw p.require("tissue").error("tissue is for kind: uniform (a head has every tissue)");
        }
        YamlList ml = p.list("matrix");
        if (ml.size() != 2 && ml.size() != 3) {
            throw ml.error("expected [nx, ny] (one slice) or [nx, ny, nz], got " + ml.size() + " values");
        }
        int[] matrix = {1, 1, 1};
        for (int k = 0; k < ml.size(); k++) {
            YamlNode v = ml.get(k);
            int n = v.asInt();
            if (n < 1 || n > 512) {
                throw v.error("expected 1–512 phase-encoding steps, got " + n);
            }
            if (n > 1 && n % 2 != 0) {
                throw v.error("expected an even matrix size (k-space from −N/2 to N/2 − 1), got " + n);
            }
            matrix[k] = n;
        }
        YamlList fl = p.list("fov_mm");
        if (fl.size() != 3) {
            throw fl.error("expected [x, y, z] in mm (z: the slice thickness of one slice), got " + fl.size()
                    + " values");
        }
        double[] fov = fl.asDoubles(1, 1000, "mm");
        for (int k = 0; k < 3; k++) {
            fov[k] *= 1e-3;
        }
        int over = p.integer("oversampling", 1, 16, 4);
        int slices = p.integer("slice_samples", 1, 64, 4);
        if (matrix[2] > 1 && p.has("slice_samples")) {
            throw p.require("slice_samples").error("a 3D acquisition encodes z: its object points along z follow"
                    + " from oversampling");
        }
        double[] semi = p.has("head_semi_axes_mm") ? p.list("head_semi_axes_mm").requireSize(3)
                .asDoubles(10, 500, "mm") : new double[] {72, 92, 70};
        for (int k = 0; k < 3; k++) {
            semi[k] *= 1e-3;
        }
        return new MrsiScenario.PhantomSpec(kind, uniformTissue, matrix, fov,
                p.number("slice_position_mm", -500, 500, "mm", 0) * 1e-3, over, slices, semi,
                p.number("skull_mm", 0, 50, "mm", 8) * 1e-3, p.number("csf_mm", 0, 50, "mm", 2) * 1e-3,
                p.number("grey_matter_mm", 0, 50, "mm", 3) * 1e-3, p.bool("ventricles", true), maps);
    }

    private static MrsiScenario.B0Spec b0(YamlMap b) {
        if (b == null) {
            return new MrsiScenario.B0Spec(0, 0, List.of());
        }
        b.allowOnly("offset_hz", "shim_rms_hz", "cavities");
        List<MrsiScenario.Cavity> cavities = new ArrayList<>();
        if (b.has("cavities")) {
            for (YamlNode n : b.list("cavities").items()) {
                YamlMap c = n.asMap();
                c.allowOnly("centre_mm", "radius_mm", "delta_chi_ppm");
                double[] centre = c.list("centre_mm").requireSize(3).asDoubles(-1000, 1000, "mm");
                for (int k = 0; k < 3; k++) {
                    centre[k] *= 1e-3;
                }
                cavities.add(new MrsiScenario.Cavity(centre, c.number("radius_mm", 0.1, 200, "mm") * 1e-3,
                        c.number("delta_chi_ppm", -50, 50, "ppm", 9.4)));
            }
        }
        return new MrsiScenario.B0Spec(b.number("offset_hz", -2000, 2000, "Hz", 0),
                b.number("shim_rms_hz", 0, 500, "Hz", 0), cavities);
    }

    private static MrsiScenario.B1Spec b1(YamlMap b, Scenario.BasisSpec basis) {
        if (b == null) {
            return new MrsiScenario.B1Spec(1, 1, "none", 0.005);
        }
        b.allowOnly("centre", "edge", "response", "resolution", "scales");
        String response = b.string("response", "none");
        if (!IdealPulseB1Response.MODELS.contains(response) && !response.equals(InterpolatedB1Response.NAME)) {
            throw b.require("response").error("expected one of " + String.join(", ", IdealPulseB1Response.MODELS)
                    + ", " + InterpolatedB1Response.NAME + ", got \"" + response + "\"");
        }
        double centre = b.number("centre", 0.05, 3, "", 1);
        double edge = b.number("edge", 0.05, 3, "", 1);
        double resolution = b.number("resolution", 1e-6, 0.1, "", 0.005);
        if (!response.equals(InterpolatedB1Response.NAME)) {
            if (b.has("scales")) {
                throw b.require("scales").error("scales are for response: " + InterpolatedB1Response.NAME
                        + " (the basis simulated at each scale); the ideal-pulse responses need none");
            }
            return new MrsiScenario.B1Spec(centre, edge, response, resolution);
        }
        if (!basis.kind().equals("sequence")) {
            throw b.require("response").error("response: " + InterpolatedB1Response.NAME + " simulates the basis at"
                    + " several B1 scales: it needs basis: {sequence: …}, not a basis file (one B1 scale)");
        }
        if (!b.has("scales")) {
            throw b.error("response: " + InterpolatedB1Response.NAME + " needs scales: [s1, s2, …] (at least 4,"
                    + " increasing, spanning the map's " + Math.min(centre, edge) + "–" + Math.max(centre, edge)
                    + " and 1)");
        }
        YamlList sl = b.list("scales");
        if (sl.size() < 4) {
            throw sl.error("expected at least 4 B1 scales (cubic interpolation through 4 nodes), got " + sl.size());
        }
        double[] scales = sl.asDoubles(org.larmor.sequence.B1Distribution.MIN_SCALE,
                org.larmor.sequence.B1Distribution.MAX_SCALE, "");
        for (int k = 1; k < scales.length; k++) {
            if (!(scales[k] > scales[k - 1])) {
                throw sl.get(k).error("expected increasing B1 scales, got " + scales[k - 1] + " then " + scales[k]);
            }
        }
        // The response is evaluated at the map's scales rounded to the resolution, and at 1 (the lipids' gain).
        double lo = Math.min(1, Math.round(Math.min(centre, edge) / resolution) * resolution);
        double hi = Math.max(1, Math.round(Math.max(centre, edge) / resolution) * resolution);
        if (scales[0] > lo + 1e-12 || scales[scales.length - 1] < hi - 1e-12) {
            throw sl.error("the B1 scales " + scales[0] + "–" + scales[scales.length - 1] + " do not span the map's"
                    + " scales and 1, " + lo + "–" + hi + " (no extrapolation: its error is not stated)");
        }
        return new MrsiScenario.B1Spec(centre, edge, response, resolution, scales);
    }

    private static MrsiScenario.EncodingSpec encoding(YamlMap e) {
        if (e == null) {
            return new MrsiScenario.EncodingSpec(Weighting.NONE, 1, 0, false);
        }
        e.allowOnly("weighting", "averages", "noise_sd", "elliptical");
        Weighting w = Weighting.NONE;
        if (e.has("weighting")) {
            YamlNode wn = e.require("weighting");
            try {
                w = Weighting.valueOf(wn.asString().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw wn.error("expected none, hamming or acquisition_hamming, got \"" + wn.asString() + "\"");
            }
        }
        return new MrsiScenario.EncodingSpec(w, e.integer("averages", 1, 10_000, 1),
                e.number("noise_sd", 0, 1e9, "", 0), e.bool("elliptical", false));
    }
}
