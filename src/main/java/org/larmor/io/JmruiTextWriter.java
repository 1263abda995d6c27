package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a basis set (one spectrum) as one jMRUI text file, every included metabolite a signal (Stefan D et al., Meas Sci
 * Technol 2009;20:104035; layout as jMRUI exports it and FSL-MRS's {@code jmrui_io.py} reads it):
 * <pre>
 * jMRUI Data Textfile
 * Filename, PointsInDataset, DatasetsInFile, SamplingInterval (ms), ZeroOrderPhase, BeginTime,
 * TransmitterFrequency (Hz), MagneticField (T), TypeOfNucleus, NameOfPatient, DateOfExperiment, Spectrometer,
 * AdditionalInfo, SignalNames (a;b;…;)
 * Signal and FFT
 * sig(real)	sig(imag)
 * Signal 1 out of n in file
 * re	im          one line per point
 * </pre>
 * Time domain only. Values are written in Java's shortest exact decimal form, so they read back bit for bit. The
 * FID is in Larmor's on-disk convention, exp(−i·2π·(δ − 4.65)·f0·t): jMRUI's own sign differs between tools (FID-A
 * writes the conjugate), so a reader expecting the other sign must conjugate.
 */
public final class JmruiTextWriter {
    private JmruiTextWriter() {
    }

    /**
     * @param condition one of {@link BasisSet#conditions()}
     * @param fileName  written into the Filename field
     * @return the file's text, FIDs in the on-disk convention
     */
    public static String write(BasisSet set, String condition, String fileName) {
        return write(set, condition, fileName, false);
    }

    /**
     * As {@link #write(BasisSet, String, String)}, optionally conjugating every FID, for tools that expect the
     * opposite sign, exp(+i·2π·(δ − 4.65)·f0·t) (FID-A's frame); AdditionalInfo then says so.
     */
    public static String write(BasisSet set, String condition, String fileName, boolean conjugate) {
        return new String(TextBytes.join(parts(set, condition, fileName, conjugate)), StandardCharsets.UTF_8);
    }

    /**
     * The file in parts, made independently (on several threads by {@link BasisWriters}): the header, then one per
     * signal. {@link #write} is their text one after the other.
     */
    static List<Staged.Content> parts(BasisSet set, String condition, String fileName, boolean conjugate) {
        int n = set.points();
        List<BasisSpectrum> included = set.included(condition);
        int count = included.size();
        List<Staged.Content> parts = new ArrayList<>(count + 1);
        parts.add(() -> header(set, condition, fileName, conjugate, included).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            BasisSpectrum s = included.get(i);
            int k = i + 1;
            parts.add(() -> {
                TextBytes out = new TextBytes(64 + n * 44);
                out.text("Signal " + k + " out of " + count + " in file\n");
                Fid fid = conjugate ? s.fid(condition).conjugate() : s.fid(condition);
                for (int p = 0; p < n; p++) {
                    out.shortest(fid.re()[p]).ascii('\t').shortest(fid.im()[p]).ascii('\n');
                }
                return out.toByteArray();
            });
        }
        return parts;
    }

    private static String header(BasisSet set, String condition, String fileName, boolean conjugate,
                                 List<BasisSpectrum> included) {
        Sequence seq = set.sequence();
        int n = set.points();
        int count = included.size();
        StringBuilder sb = new StringBuilder(1024);
        sb.append("jMRUI Data Textfile\n\n");
        sb.append("Filename: ").append(fileName).append("\n\n");
        sb.append("PointsInDataset: ").append(n).append('\n');
        sb.append("DatasetsInFile: ").append(count).append('\n');
        sb.append("SamplingInterval: ").append(set.dwellS() * 1e3).append('\n');
        sb.append("ZeroOrderPhase: 0E0\n");
        sb.append("BeginTime: 0E0\n");
        sb.append("TransmitterFrequency: ").append(seq.larmorHz()).append('\n');
        sb.append("MagneticField: ").append(seq.b0T()).append('\n');
        sb.append("TypeOfNucleus: 0E0\n");
        sb.append("NameOfPatient: \n");
        sb.append("DateOfExperiment: \n");
        sb.append("Spectrometer: Larmor ").append(set.provenance().larmorVersion()).append(" simulation\n");
        sb.append("AdditionalInfo: sequence ").append(seq.name()).append(" (").append(SequenceLabel.of(seq))
                .append(")");
        if (set.conditions().size() > 1) {
            sb.append(", condition ").append(condition);
        }
        if (Double.isFinite(seq.timing().echoTimeS())) {
            sb.append(String.format(Locale.ROOT, ", TE %s ms", LcmodelText.ms(seq.timing().echoTimeS())));
        }
        sb.append(", reference ").append(seq.acquisition().referencePpm()).append(" ppm")
                .append(conjugate ? ", FID sign exp(+i*2*pi*(delta - reference)*f0*t) (conjugated)\n"
                        : ", FID sign exp(-i*2*pi*(delta - reference)*f0*t)\n");
        sb.append("SignalNames: ");
        for (BasisSpectrum s : included) {
            sb.append(s.name()).append(';');
        }
        sb.append("\n\n\nSignal and FFT\n");
        sb.append("sig(real)\tsig(imag)\n");
        return sb.toString();
    }
}
