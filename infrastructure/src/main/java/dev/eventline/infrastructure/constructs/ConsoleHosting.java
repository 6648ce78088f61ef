package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.ConsoleDomain;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.DistributionProps;
import software.amazon.awscdk.services.cloudfront.GeoRestriction;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicyProps;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SSLMethod;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketProps;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The event console's static files in a private S3 bucket, served by CloudFront through Origin
 * Access Control, HTTPS only, with strict security headers; the bucket's and the distribution's
 * access logs go to a log bucket. The files themselves are uploaded by the deploy step
 * ({@code make deploy-console}), not by a Lambda-backed custom resource.
 *
 * <p>Without a {@link ConsoleDomain} (dev only, see {@code EnvironmentPresets}) the distribution
 * answers on its {@code *.cloudfront.net} name, whose certificate CloudFront serves with TLSv1
 * allowed, and has no web ACL: the cdk-nag findings saying so are suppressed on the distribution
 * alone, with that reason.
 */
public final class ConsoleHosting extends Construct {

    /** Key prefix of the console's files in the bucket; the distribution's origin path. */
    public static final String PREFIX = "console";

    private final Bucket bucket;
    private final Bucket logBucket;
    private final Distribution distribution;
    private final String origin;

    public ConsoleHosting(Construct scope, String id, Props props) {
        super(scope, id);
        this.logBucket = new Bucket(
                this,
                "Logs",
                BucketProps.builder()
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .encryption(BucketEncryption.S3_MANAGED)
                        .enforceSsl(true)
                        // CloudFront standard logging writes through object ACLs
                        .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                        .lifecycleRules(List.of(LifecycleRule.builder()
                                .expiration(Duration.days(props.logRetentionDays()))
                                .build()))
                        .removalPolicy(props.removalPolicy())
                        .build());
        NagSuppressions.addResourceSuppressions(
                logBucket,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-S1")
                        .reason("This bucket is the access log destination of the console bucket and distribution; "
                                + "logging its own access into itself would log every log delivery, without end")
                        .build()));

        this.bucket = new Bucket(
                this,
                "Files",
                BucketProps.builder()
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .encryption(BucketEncryption.S3_MANAGED)
                        .enforceSsl(true)
                        .versioned(true)
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                        .serverAccessLogsBucket(logBucket)
                        .serverAccessLogsPrefix("s3/")
                        // a deploy replaces the files; old versions only serve a rollback for a while
                        .lifecycleRules(List.of(LifecycleRule.builder()
                                .noncurrentVersionExpiration(Duration.days(30))
                                .build()))
                        .removalPolicy(props.removalPolicy())
                        .build());

        var headers = new ResponseHeadersPolicy(
                this,
                "SecurityHeaders",
                ResponseHeadersPolicyProps.builder()
                        .comment("Eventline console: strict security headers")
                        .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                                .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                        .contentSecurityPolicy(contentSecurityPolicy(props.apiSource()))
                                        .override(true)
                                        .build())
                                .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                        .accessControlMaxAge(Duration.days(730))
                                        .includeSubdomains(true)
                                        .override(true)
                                        .build())
                                .contentTypeOptions(ResponseHeadersContentTypeOptions.builder()
                                        .override(true)
                                        .build())
                                .frameOptions(ResponseHeadersFrameOptions.builder()
                                        .frameOption(HeadersFrameOption.DENY)
                                        .override(true)
                                        .build())
                                .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                        .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER)
                                        .override(true)
                                        .build())
                                .build())
                        .build());

        var distributionProps = DistributionProps.builder()
                .comment("Eventline event console")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(
                                bucket,
                                S3BucketOriginWithOACProps.builder()
                                        .originPath("/" + PREFIX)
                                        .build()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(headers)
                        .build())
                .defaultRootObject("index.html")
                .priceClass(props.priceClass())
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableLogging(true)
                .logBucket(logBucket)
                .logFilePrefix("cloudfront/");
        props.countries()
                .ifPresent(countries ->
                        distributionProps.geoRestriction(GeoRestriction.allowlist(countries.toArray(String[]::new))));
        props.domain()
                .ifPresent(domain -> distributionProps
                        .domainNames(List.of(domain.domainName()))
                        .certificate(Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn()))
                        .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
                        .sslSupportMethod(SSLMethod.SNI)
                        .webAclId(domain.webAclArn()));
        this.distribution = new Distribution(this, "Distribution", distributionProps.build());
        this.origin = props.domain()
                .map(domain -> "https://" + domain.domainName())
                .orElseGet(() -> "https://" + distribution.getDistributionDomainName());
        suppressWhatOnlyInputsFix(props);
    }

    /**
     * Only self, and the API for {@code fetch}: the console has no inline script or style and
     * loads nothing from elsewhere.
     */
    static String contentSecurityPolicy(String apiSource) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + apiSource + "; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    private void suppressWhatOnlyInputsFix(Props props) {
        var suppressions = new ArrayList<NagPackSuppression>();
        if (props.domain().isEmpty()) {
            suppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-CFR4")
                    .reason("dev only (staging and prod fail synthesis without a console domain): with no custom "
                            + "domain and ACM certificate, CloudFront serves its default *.cloudfront.net "
                            + "certificate, whose security policy cannot be raised above TLSv1")
                    .build());
            suppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-CFR2")
                    .reason("dev only (staging and prod fail synthesis without a console web ACL): no WAFv2 web "
                            + "ACL of scope CLOUDFRONT was given; the API behind the console still requires "
                            + "its authorizer on every route")
                    .build());
        }
        if (props.countries().isEmpty()) {
            suppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-CFR1")
                    .reason("No country allowlist was given (context consoleCountries): the console only serves "
                            + "static files, every call it makes needs the API's authorizer, and the web ACL, "
                            + "where there is one, decides on geography")
                    .build());
        }
        if (!suppressions.isEmpty()) {
            NagSuppressions.addResourceSuppressions(distribution, suppressions);
        }
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket logBucket() {
        return logBucket;
    }

    public Distribution distribution() {
        return distribution;
    }

    /** {@code https://<host>}: what the browser sends as {@code Origin}, for the API's CORS. */
    public String origin() {
        return origin;
    }

    /**
     * @param apiSource        the CSP source of the API the console calls (connect-src)
     * @param priceClass       edge locations paid for
     * @param domain           custom domain, certificate and web ACL; absent only in dev
     * @param countries        ISO 3166-1 alpha-2 codes the console is served to; absent: everywhere
     * @param logRetentionDays how long access logs are kept
     * @param removalPolicy    of both buckets
     */
    public record Props(
            String apiSource,
            PriceClass priceClass,
            Optional<ConsoleDomain> domain,
            Optional<List<String>> countries,
            int logRetentionDays,
            RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(apiSource, "apiSource");
            Objects.requireNonNull(priceClass, "priceClass");
            Objects.requireNonNull(domain, "domain");
            countries = countries.map(List::copyOf).filter(list -> !list.isEmpty());
            if (logRetentionDays < 1) {
                throw new IllegalArgumentException("logRetentionDays must be >= 1, was " + logRetentionDays);
            }
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }
}
