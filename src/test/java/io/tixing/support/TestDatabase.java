package io.tixing.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded PostgreSQL for every @QuarkusTest in the module. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class TestDatabase {
    private TestDatabase() {}
}
