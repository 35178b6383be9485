using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Customers;

/// <summary>What the guest book registers with the store and the container. Explicit, no scanning.</summary>
public static class CustomersModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events
            .Add<CustomerRegistered>().Add<CustomerDetailsChanged>().Add<CustomerConsentChanged>()
            .Add<CustomerNoteAdded>().Add<CustomerNoteRemoved>().Add<CustomerErased>()
            .Add<CustomerAbsorbed>().Add<CustomerMergedInto>().Add<CustomerMergeUndone>();
        options.Schema.For<CustomerProfile>(c => c.Id);
        options.Schema.For<CustomerPhone>(c => c.Id);
        options.Schema.For<CustomerKey>(c => c.Id);
        options.Schema.For<ProfileAccess>(a => a.Id);
        options.Projections.LiveStreamAggregation<Customer>((state, e) => Customer.Fold(state, e.Data, e.Version));
        options.Projections.Inline.Add(new CustomerProfileProjection());
    }

    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<IPersonalDataHolder, SessionCardNames>();
        services.AddTransient<IRequestHandler<CreateCustomer, CustomerProfile>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<CaptureCustomerInfo, CapturedCustomer>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<UpdateCustomer, CustomerProfile>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<SetCustomerConsent, CustomerProfile>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<WriteCustomerNote, CustomerProfile>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<DeleteCustomerNote, CustomerProfile>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<DeleteCustomer, CustomerProfile>, CustomerCommandHandlers>();
        services.AddTransient<IRequestHandler<FindCustomers, CustomerPage>, CustomerQueries>();
        services.AddTransient<IRequestHandler<GetCustomer, CustomerView>, CustomerQueries>();
        services.AddTransient<IRequestHandler<FindCustomerByPhone, CustomerView>, CustomerQueries>();
        services.AddTransient<IRequestHandler<GetCustomerHistory, IReadOnlyList<Sessions.SessionCard>>, CustomerQueries>();
        services.AddTransient<IRequestHandler<ListCustomers, IReadOnlyList<CustomerProfile>>, CustomerQueries>();
        services.AddTransient<IRequestHandler<GetCustomers, IReadOnlyList<CustomerProfile>>, CustomerQueries>();
        services.AddTransient<IRequestHandler<FindDuplicates, IReadOnlyList<DuplicatePair>>, CustomerQueries>();
        services.AddTransient<IRequestHandler<GetProfileAccessLog, IReadOnlyList<ProfileAccess>>, CustomerQueries>();
        services.AddTransient<IRequestHandler<ExportCustomer, CustomerExport>, CustomerPortability>();
        services.AddTransient<IRequestHandler<GetPortableCustomer, PortableCustomer>, CustomerPortability>();
        services.AddTransient<IRequestHandler<ImportCustomer, CustomerProfile>, CustomerPortability>();
        services.AddTransient<IRequestHandler<MergeCustomers, CustomerProfile>, MergeCommandHandlers>();
        services.AddTransient<IRequestHandler<UndoCustomerMerge, CustomerProfile>, MergeCommandHandlers>();
        return services;
    }
}
