package dev.gradus.internal;

import dev.gradus.Lamb;
import dev.gradus.UpdateRule;
import dev.gradus.internal.precision.TiledLayerWise;
import dev.gradus.precision.StoragePlan;
import dev.gradus.precision.StorageType;
import java.lang.foreign.MemorySegment;

/**
 * The trust ratios of an optimizer step's layer-wise parameters ({@link LayerWise}): the norms of
 * each such parameter and of its measured buffer over the whole parameter, computed by the step's
 * workers as block totals ({@link BlockTotals}) and added up by the calling thread in block order, so that a ratio has the same bits for
 * any number of workers. Arrays are made when the parameters change, never during a step.
 */
public final class LayerNorms {

    private Roster sizedFor;
    private boolean any;
    private boolean anyLamb;
    private BlockTotals paramTotals;
    private BlockTotals measuredTotals;
    private double[] ratios;

    /**
     * Makes room for the blocks of {@code roster}'s layer-wise parameters; does nothing if the
     * roster is the one of the last call.
     *
     * @param roster the parameters of the step
     */
    public void prepare(Roster roster) {
        if (roster == sizedFor) {
            return;
        }
        int size = roster.size();
        boolean[] measured = new boolean[size];
        boolean layerWise = false;
        boolean lamb = false;
        for (int p = 0; p < size; p++) {
            UpdateRule rule = roster.parameter(p).rule();
            measured[p] = LayerWise.is(rule);
            layerWise |= measured[p];
            lamb |= rule instanceof Lamb;
        }
        paramTotals = new BlockTotals(roster, measured, "the layer-wise parameters");
        measuredTotals = new BlockTotals(roster, measured, "the layer-wise parameters");
        ratios = new double[size];
        any = layerWise;
        anyLamb = lamb;
        sizedFor = roster;
    }

    /** {@return whether the roster of the last {@link #prepare} has a layer-wise parameter} */
    public boolean any() {
        return any;
    }

    /** {@return whether it has a LAMB parameter, which needs the first pass} */
    public boolean anyLamb() {
        return anyLamb;
    }

    /**
     * Worker {@code worker}'s share of the first pass: {@link LayerWise#prepare} on its pieces of
     * LAMB parameters.
     *
     * @param clipValue  the bound of value clipping, {@code +inf} for none
     * @param clipScales the clip factor of each parameter, or null for none
     */
    public void prepareShare(KernelSet kernels, Roster roster, WorkPlan plan, int worker, float clipValue,
                             GradientNorms clipScales) {
        for (int k = 0; k < plan.pieces(worker); k++) {
            int p = plan.parameter(worker, k);
            RegisteredParameter parameter = roster.parameter(p);
            if (!(parameter.rule() instanceof Lamb)) {
                continue;
            }
            if (parameter.stored()) {
                TiledLayerWise.prepare(kernels, parameter.rule(), roster.step(p), parameter.storage(),
                        parameter.steppedWeights(), parameter.weightCopy(), parameter.gradient(), parameter.state0(),
                        parameter.state1(), parameter.state2(), plan.from(worker, k), plan.to(worker, k), clipValue,
                        clipScale(clipScales, p));
            } else {
                LayerWise.prepare(kernels, parameter.rule(), roster.step(p), parameter.values(), parameter.gradient(),
                        parameter.state0(), parameter.state1(), parameter.state2(), plan.from(worker, k),
                        plan.to(worker, k), clipValue, clipScale(clipScales, p));
            }
        }
    }

    /**
     * Worker {@code worker}'s share of the norm pass: the block totals of the layer-wise parameters
     * and their measured buffers, for the blocks whose first element lies in its pieces.
     */
    public void normShare(KernelSet kernels, Roster roster, WorkPlan plan, int worker) {
        for (int k = 0; k < plan.pieces(worker); k++) {
            int p = plan.parameter(worker, k);
            RegisteredParameter parameter = roster.parameter(p);
            if (!LayerWise.is(parameter.rule())) {
                continue;
            }
            MemorySegment measured = LayerWise.measured(parameter.rule(), parameter.gradient(), parameter.state2());
            long from = plan.from(worker, k);
            long to = plan.to(worker, k);
            StoragePlan storage = parameter.storage();
            paramTotals.measureWeights(kernels, p, storage, parameter.steppedWeights(), parameter.weightCopy(),
                    parameter.length(), from, to);
            StorageType measuredType = parameter.rule() instanceof Lamb ? StorageType.FLOAT32 : storage.gradient();
            measuredTotals.measure(kernels, p, measuredType, measured, parameter.length(), from, to, true);
        }
    }

    /**
     * Adds up the totals the workers left into each layer-wise parameter's trust ratio.
     *
     * @param clipScales the clip factor of each parameter, or null for none
     */
    public void finish(Roster roster, GradientNorms clipScales) {
        for (int p = 0; p < ratios.length; p++) {
            ratios[p] = paramTotals.first(p) == paramTotals.end(p) ? 1.0 : LayerWise.ratio(roster.parameter(p).rule(),
                    paramTotals.sum(p), measuredTotals.sum(p), clipScale(clipScales, p));
        }
    }

    /**
     * The trust ratio of parameter {@code p} in the current step.
     *
     * @param p the parameter's index in the roster
     * @return its ratio, 1 for a parameter that is not layer-wise
     */
    public double ratio(int p) {
        return ratios[p];
    }

    private static float clipScale(GradientNorms clipScales, int p) {
        return clipScales == null ? 1f : clipScales.factor(p);
    }
}
