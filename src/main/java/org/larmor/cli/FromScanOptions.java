package org.larmor.cli;

import org.larmor.scan.PresetCatalog;
import org.larmor.scan.ScanHeader;
import org.larmor.scan.ScanHeaders;
import org.larmor.scan.ScanSequence;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options that make a sequence from a scan's header (larmor sequence and larmor basis --from-scan). */
final class FromScanOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "start from this preset (a name in sequences/,"
            + " e.g. siemens-press-te30-3t, or a sequence file) instead of the nearest one; it states the sequence"
            + " family")
    String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "", description = {"state or override a"
            + " value, as a sequence file writes it (ms in _ms keys, dotted for nested keys; repeatable), e.g."
            + " --set te_ms=35 --set nucleus=1H --set editing.on_ppm=1.9; short names: family, points,"
            + " spectral_width_hz, reference_ppm, on_ppm, off_ppm; VALUE 'default' removes the key (the template's"
            + " default). Recorded as 'stated on the command line'"})
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--presets", paramLabel = "DIR", description = "preset folder (default: the shipped sequences/)")
    Path presets;

    /** The sequence of {@code scan}, read under the name {@code source}. */
    ScanSequence.Result make(Path scan, String source) {
        ScanHeader h = ScanHeaders.read(scan);
        PresetCatalog catalog = PresetCatalog.load(presets != null ? presets : Locations.shipped("sequences"));
        return ScanSequence.make(h, catalog, preset, set, source);
    }

    /** The preset and where every value came from, one line each. */
    static void report(ScanSequence.Result r, PrintWriter w) {
        w.println("preset: " + r.preset().describe());
        r.sources().forEach((k, v) -> w.println("  " + k + ": " + v));
        r.notes().forEach(n -> w.println("  note: " + n));
        w.flush();
    }
}
