package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** How personal values are masked, and how roles are read from tokens. */
class MaskingTests {

    @Test
    void eachPersonalPropertyHasItsMask() {
        assertThat(PersonalData.KEYS).containsExactlyInAnyOrder("phone", "idNumber", "birthDate", "address");
        assertThat(PersonalData.mask("phone", "13812345678")).isEqualTo("138****5678");
        assertThat(PersonalData.mask("phone", "1234567")).isEqualTo("****");
        assertThat(PersonalData.mask("idNumber", "46000319900101123X")).isEqualTo("4600**********123X");
        assertThat(PersonalData.mask("address", "海南省儋州市那大镇人民路十二号")).isEqualTo("海南省儋州****");
        assertThat(PersonalData.mask("address", "那大")).isEqualTo("****");
        assertThat(PersonalData.mask("birthDate", java.time.LocalDate.of(1990, 1, 1)))
                .isEqualTo("****");
        assertThat(PersonalData.mask("phone", null)).isNull();
    }

    @Test
    void personalFieldsAreThoseTheModelFlagsOnItsType() {
        assertThat(PersonalData.isPersonal("Person", "phone")).isTrue();
        assertThat(PersonalData.isPersonal("Person", "name")).isFalse();
        assertThat(PersonalData.isPersonal("Unit", "phone")).isFalse();
        assertThat(PersonalData.isPersonal("CreatePersonInput", "phone")).isFalse();
    }

    @Test
    void nestedMapsAndListsAreMaskedByKey() {
        var masked = PersonalData.maskDeep(Map.of(
                "input", Map.of("name", "张三", "phone", "13812345678"),
                "list", List.of(Map.of("address", "海南省儋州市那大镇人民路十二号"))));
        assertThat(masked.toString())
                .contains("张三")
                .contains("138****5678")
                .doesNotContain("13812345678")
                .doesNotContain("人民路");
    }

    @Test
    void rolesComeFromANestedOrFlatClaimInAnyCase() {
        var nested = new JwtRoles(new SecuritySettings.Jwt("realm_access.roles", "preferred_username", "jurisdictions"))
                .convert(jwt(Map.of(
                        "realm_access",
                        Map.of("roles", List.of("viewer", "ROLE_ANALYST", "offline_access")),
                        "preferred_username",
                        "li")));
        assertThat(nested.getName()).isEqualTo("li");
        assertThat(nested.getAuthorities())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_ANALYST");
        var flat = new JwtRoles(new SecuritySettings.Jwt("scope", "preferred_username", "jurisdictions"))
                .convert(jwt(Map.of("scope", "openid editor")));
        assertThat(flat.getName()).isEqualTo("subject-1");
        assertThat(flat.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_EDITOR");
        var none = new JwtRoles(new SecuritySettings.Jwt("roles", "preferred_username", "jurisdictions"))
                .convert(jwt(Map.of()));
        assertThat(none.getAuthorities()).isEmpty();
    }

    @Test
    void callersHoldThePermissionsOfTheirRoles() {
        var analyst = new Caller("li", java.util.EnumSet.of(Role.ANALYST));
        assertThat(analyst.can(Permission.CONSOLE)).isTrue();
        assertThat(analyst.can(Permission.PERSONAL_DATA)).isFalse();
        assertThat(analyst.can(Permission.WRITE)).isFalse();
        var editor = new Caller("wang", java.util.EnumSet.of(Role.EDITOR));
        assertThat(editor.can(Permission.PERSONAL_DATA)).isTrue();
        assertThat(editor.can(Permission.CONSOLE)).isFalse();
        assertThat(Caller.NOBODY.can(Permission.READ)).isFalse();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        var builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("subject-1")
                .issuedAt(Instant.now());
        claims.forEach(builder::claim);
        return builder.build();
    }
}
