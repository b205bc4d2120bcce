package io.tixing.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Small REST helpers: authenticated calls and API keys with chosen roles. */
public final class Api {

    private Api() {}

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() { return as(Fixtures.ADMIN_KEY); }

    /** Issues a fresh key for a client with the given roles through the admin API. */
    public static String keyWith(String client, String... roles) {
        return asAdmin().body(Map.of("client", client, "roles", List.of(roles)))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
    }

    public static ValidatableResponse submit(String key, Map<String, Object> reminder) {
        return as(key).body(reminder).post("/api/v1/reminders").then();
    }
}
