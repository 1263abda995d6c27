package org.larmor.engine;

/**
 * The Zeeman states of a group of k equivalent spectator spins of spin I, by total quantum number M: the k-fold
 * convolution of the uniform distribution over m = −I … +I (high-temperature limit, every product state equally
 * likely). One spin-½: M = ±½ with ½ each; two: −1, 0, +1 with ¼, ½, ¼ (the 1:2:1 of a triplet); one 14N: −1, 0, +1
 * with ⅓ each.
 */
record SpectatorStates(double[] mValues, double[] weights) {
    static SpectatorStates of(int twiceSpin, int count) {
        int levels = twiceSpin + 1;
        double[] w = {1};
        for (int c = 0; c < count; c++) {
            double[] next = new double[w.length + twiceSpin];
            for (int i = 0; i < w.length; i++) {
                for (int l = 0; l < levels; l++) {
                    next[i + l] += w[i] / levels;
                }
            }
            w = next;
        }
        double[] m = new double[w.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = i - count * twiceSpin / 2.0;
        }
        return new SpectatorStates(m, w);
    }

    int size() {
        return weights.length;
    }

    double m(int level) {
        return mValues[level];
    }

    double weight(int level) {
        return weights[level];
    }
}
