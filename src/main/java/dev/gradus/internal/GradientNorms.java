package dev.gradus.internal;

import dev.gradus.GradientClipping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gradient norms of an optimizer step and the clip factors that follow from them.
 *
 * <p>The step's workers compute the gradients' block totals ({@link BlockTotals}), and the
 * calling thread adds them in parameter and block order: per parameter from 0, and over each scope of the
 * {@link GradientClipping} continuing from parameter to parameter, as
 * {@code Norms.sumOfSquares(double, ...)} does. So the norms have the same bits for any number of
 * workers, kernel implementation and vector width. Arrays are made when the parameters change,
 * never during a step.
 */
public final class GradientNorms {

    private final GradientClipping clipping;
    private final boolean l2;
    private Roster sizedFor;
    private BlockTotals totals;
    private int[] scopeOf;
    private double[] parameterNorms;
    private double[] scopeNorms;
    private float[] factors;
    private double norm = Double.NaN;

    /**
     * Norms for {@code clipping}.
     *
     * @param clipping the settings
     */
    public GradientNorms(GradientClipping clipping) {
        this.clipping = clipping;
        this.l2 = clipping.norm() == GradientClipping.Norm.L2;
    }

    /** {@return the settings} */
    public GradientClipping clipping() {
        return clipping;
    }

    /**
     * Makes room for the blocks of {@code roster}'s parameters and numbers its scopes; does nothing
     * if the roster is the one of the last call.
     *
     * @param roster the parameters of the step
     */
    public void prepare(Roster roster) {
        if (roster == sizedFor) {
            return;
        }
        int size = roster.size();
        int[] scopes = new int[size];
        boolean[] every = new boolean[size];
        List<Object> groups = new ArrayList<>();
        for (int p = 0; p < size; p++) {
            every[p] = true;
            scopes[p] = switch (clipping.scope()) {
                case PARAMETER -> p;
                case GLOBAL -> 0;
                case GROUP -> indexOf(groups, roster.parameter(p).group());
            };
        }
        totals = new BlockTotals(roster, every, "the gradients to clip");
        scopeOf = scopes;
        parameterNorms = new double[size];
        Arrays.fill(parameterNorms, Double.NaN);
        scopeNorms = new double[Math.max(1, clipping.scope() == GradientClipping.Scope.PARAMETER ? size
                : groups.size())];
        factors = new float[size];
        sizedFor = roster;
    }

    private static int indexOf(List<Object> groups, Object group) {
        int index = groups.indexOf(group);
        if (index < 0) {
            groups.add(group);
            return groups.size() - 1;
        }
        return index;
    }

    /**
     * Worker {@code worker}'s share: the totals of the blocks whose first element lies in its
     * pieces of {@code plan} ({@link BlockTotals}).
     *
     * @param kernels the kernels of the step
     * @param roster  the roster {@link #prepare} was given
     * @param plan    the step's work plan
     * @param worker  the worker
     */
    public void share(KernelSet kernels, Roster roster, WorkPlan plan, int worker) {
        for (int k = 0; k < plan.pieces(worker); k++) {
            int p = plan.parameter(worker, k);
            RegisteredParameter parameter = roster.parameter(p);
            totals.measure(kernels, p, parameter.storage().gradient(), parameter.gradient(), parameter.length(),
                    plan.from(worker, k),
                    plan.to(worker, k), l2);
        }
    }

    /**
     * Adds up the totals the workers left: each parameter's norm, each scope's, the norm over all
     * parameters and the clip factor of each parameter.
     *
     * @return whether every norm is finite, that is, every gradient
     */
    public boolean finish() {
        int size = factors.length;
        Arrays.fill(scopeNorms, 0.0);
        double all = 0.0;
        for (int p = 0; p < size; p++) {
            double own = 0.0;
            int scope = scopeOf[p];
            for (int b = totals.first(p); b < totals.end(p); b++) {
                double total = totals.total(b);
                own = combine(own, total);
                scopeNorms[scope] = combine(scopeNorms[scope], total);
                all = combine(all, total);
            }
            parameterNorms[p] = finalNorm(own);
        }
        boolean finite = true;
        for (int s = 0; s < scopeNorms.length; s++) {
            scopeNorms[s] = finalNorm(scopeNorms[s]);
            finite &= Double.isFinite(scopeNorms[s]);
        }
        for (int p = 0; p < size; p++) {
            factors[p] = clipping.factor(scopeNorms[scopeOf[p]]);
        }
        norm = finalNorm(all);
        return finite;
    }

    private double combine(double sum, double total) {
        return l2 ? sum + total : Math.max(sum, total);
    }

    private double finalNorm(double combined) {
        return ReductionOrder.canonical(l2 ? Math.sqrt(combined) : combined);
    }

    /**
     * The clip factor of parameter {@code p} in the last step.
     *
     * @param p the parameter's index in the roster
     * @return the factor its gradient is multiplied by
     */
    public float factor(int p) {
        return factors[p];
    }

    /**
     * The norm of {@code parameter}'s gradient in the last step.
     *
     * @param parameter a parameter
     * @return the norm, NaN if the last step did not measure it
     */
    public double parameterNorm(RegisteredParameter parameter) {
        for (int p = 0; sizedFor != null && p < sizedFor.size(); p++) {
            if (sizedFor.parameter(p) == parameter) {
                return parameterNorms[p];
            }
        }
        return Double.NaN;
    }

    /** {@return the norm over every gradient of the last step, NaN before the first} */
    public double norm() {
        return norm;
    }
}
