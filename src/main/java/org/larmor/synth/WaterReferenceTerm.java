package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * The unsuppressed water reference: 2·[water]·a·f·g protons' worth of an uncoupled singlet at 4.65 ppm, with a the
 * drawn attenuation, g the sequence's singlet gain, and f = (1 − exp(−TR/T1))·exp(−TE/T2) when T1 (and T2) are
 * given: the saturation of a spin-echo-type acquisition repeated every TR with a 90° excitation (e.g. Gasparovic C
 * et al., Magn Reson Med 2006;55:1219-1226).
 */
final class WaterReferenceTerm implements Term {
    private final Scenario.WaterReference spec;
    private final double gain;
    final double relaxation;
    final double repetitionTimeS;
    final int concentration;
    final int attenuation;
    final int lorentzian;
    final int relaxationFactor;
    final int amplitude;

    WaterReferenceTerm(Scenario.WaterReference spec, double scanTrS, double echoTimeS, double gain,
                       Truth.Builder truth) {
        this.spec = spec;
        this.gain = gain;
        repetitionTimeS = Double.isNaN(spec.repetitionTimeS()) ? scanTrS : spec.repetitionTimeS();
        double f = 1;
        if (!Double.isNaN(spec.t1S())) {
            if (Double.isNaN(repetitionTimeS)) {
                throw org.larmor.input.InputException.of("water_reference.t1_ms", "T1 saturation needs the water"
                        + " scan's TR: give water_reference.repetition_time_s or the scan's repetition_time_s");
            }
            f *= -Math.expm1(-repetitionTimeS / spec.t1S());
        }
        if (!Double.isNaN(spec.t2S())) {
            if (!Double.isFinite(echoTimeS)) {
                throw org.larmor.input.InputException.of("water_reference.t2_ms", "T2 decay needs the echo time,"
                        + " which the basis does not record");
            }
            f *= Math.exp(-echoTimeS / spec.t2S());
        }
        relaxation = f;
        concentration = truth.scalar("water_reference.concentration_mm");
        attenuation = truth.scalar("water_reference.attenuation");
        lorentzian = truth.scalar("water_reference.lorentzian_hz");
        relaxationFactor = !Double.isNaN(spec.t1S()) || !Double.isNaN(spec.t2S())
                ? truth.scalar("water_reference.relaxation_factor") : -1;
        amplitude = truth.scalar("water_reference.amplitude");
    }

    @Override
    public String name() {
        return "water_reference";
    }

    int averages() {
        return spec.averages();
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        double c = spec.concentrationMm().sample(rng);
        double a = spec.attenuation().sample(rng);
        row[concentration] = c;
        row[attenuation] = a;
        row[lorentzian] = spec.lorentzianHz().sample(rng);
        if (relaxationFactor >= 0) {
            row[relaxationFactor] = relaxation;
        }
        row[amplitude] = 2 * c * a * relaxation * gain;
    }
}
