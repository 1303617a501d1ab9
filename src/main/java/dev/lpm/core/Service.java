package dev.lpm.core;

/** A registered service as the rest of lpm sees it: what was registered plus how it is doing. */
public record Service(ServiceSpec spec, ServiceStatus status) {

    public ServiceName name() {
        return spec.name();
    }

    public ServiceState state() {
        return status.state();
    }

    public Service withStatus(ServiceStatus newStatus) {
        return new Service(spec, newStatus);
    }

    public Service withSpec(ServiceSpec newSpec) {
        return new Service(newSpec, status);
    }
}
