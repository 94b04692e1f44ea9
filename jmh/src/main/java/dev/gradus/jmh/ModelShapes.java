package dev.gradus.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter tensor sizes of real models, for optimizer benchmarks.
 */
final class ModelShapes {

    private ModelShapes() {
    }

    /**
     * The 161 parameter tensors of ResNet-50 (He et al. 2015) in registration order: the 7x7 stem
     * convolution, 16 bottleneck blocks in stages of 3, 4, 6 and 3 (1x1, 3x3 and 1x1 convolutions,
     * a 1x1 projection in each stage's first block, batch-norm weight and bias after every
     * convolution) and the 1000-way classifier; 25.6 million floats, from 64 to 2.4 million per tensor.
     */
    static int[] resnet50() {
        List<Integer> sizes = new ArrayList<>();
        convolutionWithNorm(sizes, 3, 64, 7);
        int in = 64;
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < blocks.length; stage++) {
            int width = widths[stage];
            for (int block = 0; block < blocks[stage]; block++) {
                convolutionWithNorm(sizes, in, width, 1);
                convolutionWithNorm(sizes, width, width, 3);
                convolutionWithNorm(sizes, width, 4 * width, 1);
                if (block == 0) {
                    convolutionWithNorm(sizes, in, 4 * width, 1);
                }
                in = 4 * width;
            }
        }
        sizes.add(in * 1000);
        sizes.add(1000);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void convolutionWithNorm(List<Integer> sizes, int in, int out, int kernel) {
        sizes.add(in * out * kernel * kernel);
        sizes.add(out);
        sizes.add(out);
    }
}
