/**
 * The consumer example as a named module: it requires the layers module only; autograd and core come
 * with it (requires transitive), and jdk.incubator.vector with core, so no --add-modules is needed.
 */
module dev.makemore.examples.consumer {
    requires dev.makemore.nn;
}
