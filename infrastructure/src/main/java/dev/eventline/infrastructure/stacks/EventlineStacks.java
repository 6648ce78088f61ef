package dev.eventline.infrastructure.stacks;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Aspects;
import software.constructs.Construct;

/**
 * The stacks of one environment, in deployment order: Platform, then Ordering, then Accounts (it
 * announces through the ordering stack's push API), then
 * Api. Every stack is checked by cdk-nag's AWS Solutions pack.
 */
public record EventlineStacks(PlatformStack platform, OrderingStack ordering, AccountsStack accounts, ApiStack api) {

    public static final String PLATFORM = "Platform";
    public static final String ORDERING = "Ordering";
    public static final String ACCOUNTS = "Accounts";
    public static final String API = "Api";

    public static EventlineStacks define(Construct app, Deployment deployment) {
        var names = deployment.names();
        var platform = new PlatformStack(app, names.stack(PLATFORM), deployment);
        var ordering = new OrderingStack(app, names.stack(ORDERING), deployment);
        var accounts = new AccountsStack(app, names.stack(ACCOUNTS), deployment);
        var api = new ApiStack(app, names.stack(API), deployment);
        ordering.addStackDependency(platform, "publishes to the bus, alarms to the topic");
        accounts.addStackDependency(platform, "alarms to the topic");
        accounts.addStackDependency(ordering, "announces accounts through the ordering stack's push API");
        api.addStackDependency(ordering, "routes to the ordering functions");
        api.addStackDependency(accounts, "routes to the accounts function");
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new EventlineStacks(platform, ordering, accounts, api);
    }
}
