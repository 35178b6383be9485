using Hospitality.Tests.Infrastructure;
using Hospitality.Tests.Sessions;
using Hospitality.Hubs.Customers;
using Hospitality.Hubs.Live;
using System.Security.Claims;
using System.Text.Json.Serialization;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Web.Components.Layout;
using Hospitality.Web.Customers;
using Hospitality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace Hospitality.Tests.Customers;

/// <summary>The staff guest pages with the app's real handlers over the in-memory store (as BoardComponentTests).</summary>
public sealed class GuestPagesTests : InMemoryPages
{
    /// <summary>Signs in with the policies the real app grants <paramref name="role"/>, bound to one location when given.</summary>
    private void SignInAs(string role, string? boundTo = null)
    {
        Auth.SetAuthorized("Sam");
        Auth.SetRoles(role);
        Auth.SetPolicies(role switch
        {
            "Viewer" => [Policies.ViewBoard],
            "Staff" => [Policies.ViewBoard, Policies.OperateSessions],
            _ => [Policies.ViewBoard, Policies.OperateSessions, Policies.ManageVenue],
        });
        Auth.SetClaims(boundTo is null
            ? [new Claim(HospitalityClaims.Tenant, Tenant)]
            : [new Claim(HospitalityClaims.Tenant, Tenant), new Claim(HospitalityClaims.Location, boundTo)]);
    }

    private Task<CustomerProfile> AddGuestAsync(string first, string last, string phone, params string[] tags) =>
        Mediator.Send(new CreateCustomer(Desk, new CustomerInput(first, last, phone, Tags: tags)));

    private Task<SessionCard> VisitAsync(CustomerProfile guest, string table, DateTimeOffset at, string location = Bar) =>
        Mediator.Send(new OpenSession(new Actor(Tenant, "Bar screen"),
            new StartSession(Guid.NewGuid(), location, table, ["Double Apple", "Mint"], guest.Id, at)));

    private IRenderedComponent<GuestDetails> Details(CustomerProfile guest) => Render<GuestDetails>(p => p.Add(d => d.Id, guest.Id));

    private static string[] Texts<T>(IRenderedComponent<T> page, string selector) where T : IComponent =>
        [.. page.FindAll(selector).Select(e => e.TextContent.Trim())];

    /// <summary>Types into a field; a Radzen input puts its data-test on the input itself or (RadzenNumeric) on its wrapper.</summary>
    private static void Type<T>(IRenderedComponent<T> page, string field, object value) where T : IComponent =>
        page.Find($"input[data-test={field}], [data-test={field}] input").Change(value);

    /// <summary>An alert's message, without its icon's ligature text.</summary>
    private static string Alert<T>(IRenderedComponent<T> page, string test) where T : IComponent =>
        page.Find($"[data-test={test}] .rz-alert-message").TextContent.Trim();

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    private static string Label(IElement button) => button.QuerySelector(".rz-button-text")!.TextContent.Trim();

    [Fact]
    public async Task The_list_is_sorted_by_last_name_with_tiers_and_tags_and_a_search_by_name_or_phone_digits_narrows_it()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142", "VIP");
        var omar = await AddGuestAsync("Omar", "Abbas", "+1 415 555 0199");
        await AddGuestAsync("Zoe", "Brooks", "+44 7700 900123");
        await VisitAsync(layla, "1", DateTimeOffset.UtcNow);
        SignInAs("Staff");
        var list = Render<GuestList>();

        Assert.Equal(["Omar Abbas", "Zoe Brooks", "Layla Haddad"], Texts(list, "[data-test=guest-name]"));
        Assert.Equal("3 guests", list.Find("[data-test=guest-total]").TextContent);
        var laylaRow = list.Find($"[data-test=guest-row][data-id='{layla.Id}']");
        Assert.Equal("+14155550142", laylaRow.QuerySelector("[data-test=guest-phone]")!.TextContent);
        Assert.Equal("Bronze", laylaRow.QuerySelector("[data-test=tier]")!.TextContent);
        Assert.Equal("VIP", laylaRow.QuerySelector(".tag")!.TextContent);
        Assert.Equal("New", list.Find($"[data-test=guest-row][data-id='{omar.Id}'] [data-test=tier]").TextContent);

        Type(list, "search-box", "haddad");
        list.Find("form[data-test=guest-search]").Submit();
        list.WaitForAssertion(() => Assert.Equal(["Layla Haddad"], Texts(list, "[data-test=guest-name]")), Wait);
        Assert.Equal("1 guest", list.Find("[data-test=guest-total]").TextContent);

        Type(list, "search-box", "555 0199");
        list.Find("form[data-test=guest-search]").Submit();
        list.WaitForAssertion(() => Assert.Equal(["Omar Abbas"], Texts(list, "[data-test=guest-name]")), Wait);

        Type(list, "search-box", "nobody like this");
        list.Find("form[data-test=guest-search]").Submit();
        list.WaitForAssertion(() => Assert.Equal("0 guests", list.Find("[data-test=guest-total]").TextContent), Wait);
        Assert.Contains("No guest matches", list.Find("[data-test=guests-empty]").TextContent);
    }

    [Fact]
    public async Task A_long_guest_book_shows_25_guests_a_page_and_the_pager_moves_to_the_rest()
    {
        for (var i = 0; i < 27; i++) await AddGuestAsync("Guest", $"Number{i:D2}", $"+1 415 555 {1000 + i}");
        SignInAs("Staff");
        var list = Render<GuestList>();

        Assert.Equal("27 guests", list.Find("[data-test=guest-total]").TextContent);
        Assert.Equal(25, list.FindAll("[data-test=guest-row]").Count);
        list.FindAll(".rz-pager-page").Single(p => p.TextContent.Trim() == "2").Click();
        list.WaitForAssertion(() => Assert.Equal(["Guest Number25", "Guest Number26"], Texts(list, "[data-test=guest-name]")), Wait);
    }

    [Fact]
    public async Task Clicking_a_guest_in_the_list_opens_their_page()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Staff");
        var list = Render<GuestList>();

        list.Find($"[data-test=guest-row][data-id='{layla.Id}']").Click();
        Assert.EndsWith($"/customers/{layla.Id}", Uri);
    }

    [Fact]
    public async Task The_new_guest_form_shows_the_domains_reason_for_a_bad_phone_and_saves_nothing()
    {
        SignInAs("Staff");
        var form = Render<NewGuest>();
        Type(form, "first-name", "Layla");
        Type(form, "last-name", "Haddad");
        Type(form, "phone", "12ab");
        form.Find("form[data-test=guest-form]").Submit();

        form.WaitForAssertion(() => Assert.Equal("'12ab' is not a phone number: it contains letters.", Alert(form, "form-error")), Wait);
        Assert.Equal(0, (await Mediator.Send(new FindCustomers(Desk))).Total);
        Assert.DoesNotContain("/customers/", Uri);
    }

    [Fact]
    public async Task Staff_must_give_a_last_name_though_the_domain_would_accept_a_first_name_alone()
    {
        SignInAs("Staff");
        var form = Render<NewGuest>();
        Type(form, "first-name", "Layla");
        Type(form, "phone", "+1 415 555 0142");
        form.Find("form[data-test=guest-form]").Submit();

        form.WaitForAssertion(() => Assert.Equal("The guest's last name is required.", Alert(form, "form-error")), Wait);
        Assert.Equal(0, (await Mediator.Send(new FindCustomers(Desk))).Total);
    }

    [Fact]
    public async Task A_valid_new_guest_is_saved_with_preferences_consents_and_home_location_and_their_page_opens()
    {
        SignInAs("Staff");
        var form = Render<NewGuest>();
        Type(form, "first-name", "Layla");
        Type(form, "last-name", "Haddad");
        Type(form, "phone", "(415) 555-0142");
        Type(form, "email", "layla@example.com");
        Type(form, "city", "Oakland");
        Type(form, "flavors", "Double Apple, Mint");
        Type(form, "session-minutes", "90");
        Type(form, "tags", "VIP, Birthday club");
        form.Find("[data-test=consent-sms] .rz-chkbox-box").Click();
        form.Find("select[data-test=home-location]").Change(Terrace);
        form.Find("form[data-test=guest-form]").Submit();

        form.WaitForAssertion(() => Assert.Matches("/customers/[0-9a-f-]{36}$", Uri), Wait);
        var saved = (await Mediator.Send(new GetCustomer(Desk, Uri[^36..]))).Customer;
        Assert.Equal(("Layla", "Haddad", "+14155550142", "layla@example.com"), (saved.FirstName, saved.LastName, saved.Phone, saved.Email));
        Assert.Equal("Oakland", saved.Address?.City);
        Assert.Equal(["Double Apple", "Mint"], saved.Preferences.FavoriteFlavors);
        Assert.Equal(90, saved.Preferences.SessionDurationMinutes);
        Assert.Equal(["VIP", "Birthday club"], saved.Tags);
        Assert.Equal(new CustomerConsents(Sms: true, Marketing: false, SharingAcrossLocations: false), saved.Consents);
        Assert.Equal(Terrace, saved.HomeLocationId);
    }

    [Fact]
    public async Task Editing_saves_the_changes_and_returns_to_the_guests_page()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Staff");
        var form = Render<EditGuest>(p => p.Add(e => e.Id, layla.Id));
        Assert.Equal("Haddad", form.Find("input[data-test=last-name]").GetAttribute("value"));

        Type(form, "last-name", "Haddad-Nour");
        Type(form, "add-ons", "Ice hose");
        form.Find("form[data-test=guest-form]").Submit();

        form.WaitForAssertion(() => Assert.EndsWith($"/customers/{layla.Id}?saved=1", Uri), Wait);
        var saved = (await Mediator.Send(new GetCustomer(Desk, layla.Id))).Customer;
        Assert.Equal(("Haddad-Nour", "+14155550142"), (saved.LastName, saved.Phone));
        Assert.Equal(["Ice hose"], saved.Preferences.AddOnPreferences);
    }

    [Fact]
    public async Task Saving_an_edit_after_someone_else_changed_the_guest_shows_the_conflict_and_keeps_their_change()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Staff");
        var form = Render<EditGuest>(p => p.Add(e => e.Id, layla.Id));
        await Mediator.Send(new UpdateCustomer(Desk, layla.Id, new CustomerInput("Layla", "Haddad", "+1 415 555 0142", "elsewhere@example.com")));

        Type(form, "last-name", "Mine");
        form.Find("form[data-test=guest-form]").Submit();

        form.WaitForAssertion(() => Assert.Contains("changed since you opened it", Alert(form, "form-error")), Wait);
        var kept = (await Mediator.Send(new GetCustomer(Desk, layla.Id))).Customer;
        Assert.Equal(("Haddad", "elsewhere@example.com"), (kept.LastName, kept.Email));
        Assert.DoesNotContain("saved=1", Uri);
    }

    [Fact]
    public async Task The_guests_page_shows_their_loyalty_last_three_sessions_every_visit_and_notes()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        var start = DateTimeOffset.UtcNow.AddDays(-4);
        for (var day = 0; day < 4; day++) await VisitAsync(layla, $"1{day}", start.AddDays(day), day == 3 ? Terrace : Bar);
        await Mediator.Send(new WriteCustomerNote(new Actor(Tenant, "Tia", Terrace), layla.Id, "Owes for one bowl", NoteVisibility.Location));
        await Mediator.Send(new WriteCustomerNote(new Actor(Tenant, "Sam", Bar), layla.Id, "Likes the corner booth", NoteVisibility.Shared));
        SignInAs("Manager");
        var page = Details(layla);

        Assert.Equal("Layla Haddad", page.Find("h1").TextContent.Trim());
        Assert.Equal("Bronze", page.Find("[data-test=loyalty] [data-test=tier]").TextContent);
        Assert.Equal("4 visits", page.Find("[data-test=visits]").TextContent);
        Assert.Equal("1 more visit to Silver", page.Find("[data-test=next-tier]").TextContent);
        Assert.Equal(["13", "12", "11"], page.FindAll("[data-test=recent-session]").Select(r => r.Children[0].TextContent));
        Assert.Equal(4, page.FindAll("[data-test=visit]").Count);
        Assert.Contains("Terrace", page.Find("[data-test=visit]").TextContent);
        Assert.Equal(["Likes the corner booth", "Owes for one bowl"], Texts(page, "[data-test=note] .text"));
        Assert.Equal(["private to Terrace"], Texts(page, "[data-test=note-private]"));
        Assert.Contains("Tia", page.FindAll("[data-test=note]")[1].TextContent);
    }

    [Fact]
    public async Task Staff_bound_to_a_location_do_not_see_another_locations_private_note()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        await Mediator.Send(new WriteCustomerNote(new Actor(Tenant, "Tia", Terrace), layla.Id, "Owes for one bowl", NoteVisibility.Location));
        await Mediator.Send(new WriteCustomerNote(new Actor(Tenant, "Sam", Bar), layla.Id, "Prefers the ice hose", NoteVisibility.Location));
        await Mediator.Send(new WriteCustomerNote(new Actor(Tenant, "Sam", Bar), layla.Id, "Likes the corner booth", NoteVisibility.Shared));
        SignInAs("Staff", boundTo: Bar);
        var page = Details(layla);

        Assert.Equal(["Likes the corner booth", "Prefers the ice hose"], Texts(page, "[data-test=note] .text"));
        Assert.Equal(["private to Bar"], Texts(page, "[data-test=note-private]"));
        Assert.DoesNotContain("Owes for one bowl", page.Markup);

        // A note command answers with the whole profile: the page must still leave the terrace's note out.
        page.Find("textarea[data-test=note-text]").Change("Birthday on 3 May");
        page.Find("form[data-test=add-note]").Submit();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-test=note]").Count), Wait);
        Assert.DoesNotContain("Owes for one bowl", page.Markup);
        Assert.Equal("Only Bar", page.FindAll("select[data-test=note-visibility] option")[1].TextContent);
    }

    [Fact]
    public async Task A_note_can_be_made_private_to_a_chosen_location_and_removed_again()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Manager");
        var page = Details(layla);

        page.Find("textarea[data-test=note-text]").Change("Birthday on 3 May");
        page.Find("select[data-test=note-visibility]").Change(nameof(NoteVisibility.Location));
        page.Find("select[data-test=note-location]").Change(Terrace);
        page.Find("form[data-test=add-note]").Submit();

        page.WaitForAssertion(() => Assert.Equal(["private to Terrace"], Texts(page, "[data-test=note-private]")), Wait);
        var note = (await Mediator.Send(new GetCustomer(Desk, layla.Id))).Customer.Notes.Single();
        Assert.Equal(("Birthday on 3 May", NoteVisibility.Location, Terrace), (note.Text, note.Visibility, note.LocationId));

        page.Find("[data-test=note] [data-test=remove-note]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-test=note]")), Wait);
        Assert.Empty((await Mediator.Send(new GetCustomer(Desk, layla.Id))).Customer.Notes);
    }

    [Fact]
    public async Task Each_consent_switch_records_that_consent_alone()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Staff");
        var page = Details(layla);

        page.Find("[data-test=consent-marketing] .rz-switch").Click();

        page.WaitForAssertion(() => Assert.Equal(new CustomerConsents(Sms: false, Marketing: true, SharingAcrossLocations: false),
            Mediator.Send(new GetCustomer(Desk, layla.Id)).GetAwaiter().GetResult().Customer.Consents), Wait);
    }

    [Fact]
    public async Task Delete_is_offered_to_managers_and_not_to_staff()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Staff");
        Assert.Empty(Details(layla).FindAll("[data-test=delete-guest]"));

        SignInAs("Manager");
        Assert.Single(Details(layla).FindAll("[data-test=delete-guest]"));
    }

    [Fact]
    public async Task Deleting_after_confirming_erases_the_guest_while_their_visit_still_counts()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        var visit = await VisitAsync(layla, "5", DateTimeOffset.UtcNow);
        SignInAs("Manager");
        var dialogs = Render<RadzenDialog>();
        var page = Details(layla);

        page.Find("[data-test=delete-guest]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("erases all of Layla Haddad's personal data permanently", dialogs.Markup), Wait);
        Assert.Contains("Their visits still count.", dialogs.Find(".rz-dialog-confirm-message").TextContent);
        dialogs.FindAll(".rz-dialog-confirm-buttons button").Single(b => Label(b) == "Keep").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".rz-dialog-confirm-buttons")), Wait);
        Assert.Equal("Layla", (await Mediator.Send(new GetCustomer(Desk, layla.Id))).Customer.FirstName);

        page.Find("[data-test=delete-guest]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".rz-dialog-confirm-buttons button").Single(b => Label(b) == "Erase guest").Click(), Wait);

        page.WaitForAssertion(() => Assert.EndsWith("/customers?erased=1", Uri), Wait);
        var gone = await Assert.ThrowsAsync<DomainException>(() => Mediator.Send(new GetCustomer(Desk, layla.Id)));
        Assert.Equal(DomainErrorKind.NotFound, gone.Kind);
        var card = await Mediator.Send(new GetSessionCard(Desk, visit.Id));
        Assert.Equal((layla.Id, (string?)null), (card.CustomerId, card.CustomerName));
        var list = Render<GuestList>();   // at the address the delete went to
        Assert.Contains("personal data is erased permanently", list.Find("[data-test=erased-notice]").TextContent);
        Assert.Equal("0 guests", list.Find("[data-test=guest-total]").TextContent);
    }

    [Fact]
    public async Task A_likely_duplicate_is_shown_with_its_confidence_merged_after_confirming_and_the_merge_undone()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        var typo = await AddGuestAsync("Laila", "Haddad", "+44 7415 550142");   // the same local number under another country code
        await VisitAsync(typo, "8", DateTimeOffset.UtcNow);
        SignInAs("Staff");
        var dialogs = Render<RadzenDialog>();
        var page = Details(layla);

        var duplicate = page.Find($"[data-test=duplicate][data-id='{typo.Id}']");
        Assert.Equal("High confidence", duplicate.QuerySelector("[data-test=confidence]")!.TextContent);
        Assert.Contains("same local phone number", duplicate.TextContent);
        Assert.Contains("similar name", duplicate.TextContent);
        duplicate.QuerySelector("[data-test=merge] button, button[data-test=merge]")!.Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".rz-dialog-confirm-buttons button").Single(b => Label(b) == "Merge").Click(), Wait);

        page.WaitForAssertion(() => Assert.Equal("1 visit", page.Find("[data-test=visits]").TextContent), Wait);
        Assert.Single(page.FindAll($"[data-test=merged][data-id='{typo.Id}']"));
        Assert.Empty(page.FindAll("[data-test=duplicate]"));

        page.Find("[data-test=undo-merge]").Click();
        page.WaitForAssertion(() => Assert.Equal("0 visits", page.Find("[data-test=visits]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-test=merged]"));
    }

    [Fact]
    public async Task A_change_made_elsewhere_shows_on_an_open_guest_page_without_a_reload()
    {
        var layla = await AddGuestAsync("Layla", "Haddad", "+1 415 555 0142");
        SignInAs("Staff");
        var page = Details(layla);

        await Mediator.Send(new WriteCustomerNote(new Actor(Tenant, "Terrace host"), layla.Id, "Back from travels", NoteVisibility.Shared));

        page.WaitForAssertion(() => Assert.Contains("Back from travels", page.Find("[data-test=notes]").TextContent), Wait);
    }

    [Fact]
    public async Task A_missing_erased_or_other_tenants_guest_reads_as_not_existing()
    {
        await TenancySeeding.CreateTenantAsync(Services.GetRequiredService<IDocumentStore>(), new TenantSpec("rival", "Rival",
            [new LocationSpec("Bar", LocationKind.Lounge, "rival-bar")], [new StaffSpec("ria@rival.example", "Ria", StaffRole.Staff, "long enough password")]));
        var theirs = await Mediator.Send(new CreateCustomer(new Actor("rival", "Ria"), new CustomerInput("Rita", "Rival", "+1 415 555 0177")));
        var erased = await AddGuestAsync("Ezra", "Gone", "+1 415 555 0188");
        await Mediator.Send(new DeleteCustomer(Desk, erased.Id));
        SignInAs("Manager");

        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-guest", erased.Id, theirs.Id })
        {
            var page = Render<GuestDetails>(p => p.Add(d => d.Id, id));
            Assert.Equal("This guest does not exist (or was erased).", page.Find("[data-test=guest-missing]").TextContent);
            Assert.DoesNotContain("Rita", page.Markup);
            var edit = Render<EditGuest>(p => p.Add(d => d.Id, id));
            Assert.Equal("This guest does not exist (or was erased).", edit.Find("[data-test=guest-missing]").TextContent);
        }
    }

    [Fact]
    public void The_navigation_links_to_Guests_for_staff_who_operate_sessions_only()
    {
        SignInAs("Staff");
        Assert.Equal("/customers", Render<LocationNav>().Find("[data-test=nav-guests]").GetAttribute("href"));

        SignInAs("Viewer");
        Assert.Empty(Render<LocationNav>().FindAll("[data-test=nav-guests]"));
    }
}
