package io.tixing.security;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API-key list lets an admin tell keys apart; it never gives one away. */
@QuarkusTest
class ApiKeyListTest {

    @Test
    void the_key_list_shows_no_more_than_the_first_8_characters_of_any_key_the_bootstrap_key_included() {
        String issued = Api.keyWith("listed-" + System.nanoTime(), "operator");
        String listing = Api.asAdmin().get("/api/v1/admin/api-keys").then().statusCode(200).extract().asString();
        assertThat(listing).doesNotContain(Fixtures.ADMIN_KEY).doesNotContain(issued);
        List<Map<String, Object>> keys = Api.asAdmin().get("/api/v1/admin/api-keys").then().extract().path("$");
        assertThat(keys).allSatisfy(k -> assertThat((String) k.get("prefix")).hasSizeLessThanOrEqualTo(ApiKeys.SHOWN_PREFIX));
        assertThat(keys).filteredOn(k -> "bootstrap-admin".equals(k.get("client")))
                .singleElement().extracting(k -> k.get("prefix")).isEqualTo(Fixtures.ADMIN_KEY.substring(0, 8));
        assertThat(keys).filteredOn(k -> issued.startsWith((String) k.get("prefix")) && ((String) k.get("prefix")).length() == 8).isNotEmpty();
    }
}
