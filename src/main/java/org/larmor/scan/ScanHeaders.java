package org.larmor.scan;

import org.larmor.input.InputException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the acquisition parameters of a scan file, whatever its format: NIfTI-MRS ({@code .nii}, {@code .nii.gz}),
 * Siemens {@code .rda} and twix {@code .dat}, Philips {@code .SPAR} (or the {@code .SPAR} beside a given
 * {@code .SDAT}) and GE P-files ({@code .7}). The format is chosen by the name's extension, else by the content.
 */
public final class ScanHeaders {
    /** The formats, for messages and help. */
    public static final String FORMATS = "NIfTI-MRS (.nii, .nii.gz), Siemens .rda, Siemens twix (.dat), Philips"
            + " .SPAR (or its .SDAT), GE P-file (.7)";

    private ScanHeaders() {
    }

    public static ScanHeader read(Path file) {
        ScanFiles.check(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            return NiftiMrsScanReader.read(file);
        }
        if (name.endsWith(".rda")) {
            return RdaReader.read(file);
        }
        if (name.endsWith(".spar")) {
            return SparReader.read(file);
        }
        if (name.endsWith(".sdat")) {
            return SparReader.read(spar(file));
        }
        if (name.endsWith(".dat")) {
            return TwixReader.read(file);
        }
        if (name.endsWith(".7")) {
            return PfileReader.read(file);
        }
        byte[] head = ScanFiles.start(file, 4096);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (head.length >= 4 && (le(head) == 540 || le(head) == 348 || be(head) == 540 || be(head) == 348)) {
            return NiftiMrsScanReader.read(file);
        }
        if (text.contains(RdaReader.BEGIN)) {
            return RdaReader.read(file);
        }
        if (text.contains("synthesizer_frequency") || text.contains("scan_id")) {
            return SparReader.read(file);
        }
        throw InputException.of(file.toString(), "not a scan format Larmor reads (by its name or its first bytes);"
                + " expected " + FORMATS);
    }

    /** The .SPAR beside an .SDAT (same stem, either case). */
    private static Path spar(Path sdat) {
        String n = sdat.getFileName().toString();
        String stem = n.substring(0, n.length() - 5);
        for (String ext : new String[] {".SPAR", ".spar", ".Spar"}) {
            Path p = sdat.resolveSibling(stem + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw InputException.of(sdat.toString(), "the .SDAT holds only data: its parameters are in " + stem
                + ".SPAR beside it, which is not there");
    }

    private static int le(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private static int be(byte[] b) {
        return (b[3] & 0xff) | (b[2] & 0xff) << 8 | (b[1] & 0xff) << 16 | (b[0] & 0xff) << 24;
    }
}
