package dev.eventline.infrastructure.constructs;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The SecureString parameter holding a context's consistency-token HMAC keys (JSON: {@code keyId},
 * {@code key}, optionally {@code previousKeyId}, {@code previousKey}). CloudFormation cannot create
 * a SecureString, and a generated value in a plain String parameter would be a secret in the clear,
 * so the parameter is put once per environment by the bootstrap step (docs/security.md) and this
 * construct only names it and grants reading it. Encrypted with the account's {@code aws/ssm}
 * key, whose key policy lets any principal of the account decrypt through SSM: no {@code
 * kms:Decrypt} grant is needed.
 */
public final class ConsistencyTokenKey extends Construct {
    /** The variable the functions read the parameter name from (ConsistencyTokens in http-api). */
    public static final String VARIABLE = "CONSISTENCY_KEY_PARAMETER";

    private final String parameterName;
    private final String parameterArn;

    public ConsistencyTokenKey(Construct scope, String id, String parameterName) {
        super(scope, id);
        if (!parameterName.startsWith("/")) {
            throw new IllegalArgumentException("a hierarchical parameter name starts with /: " + parameterName);
        }
        this.parameterName = parameterName;
        this.parameterArn = Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("ssm")
                        .resource("parameter")
                        .resourceName(parameterName.substring(1))
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build());
    }

    public String parameterName() {
        return parameterName;
    }

    /** {@code ssm:GetParameter} on this one parameter: all a function that signs or verifies needs. */
    public Grant grantRead(IGrantable grantee) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("ssm:GetParameter"))
                .resourceArns(List.of(parameterArn))
                .build());
    }
}
