using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Wenjin.Server.Tests.EndToEnd;

/// <summary>
/// Accounts in the web UI against a real server: signing in, the users page, a knowledge base's members, what a viewer
/// sees, API keys shown once and revoked, the audit log. Elements are found by their data-testid hooks.
/// </summary>
public sealed class AccountsUiTests
{
    private const string ViewerPassword = "viewer-password-1";

    [Fact]
    public async Task A_browser_that_is_not_signed_in_asks_for_a_sign_in_and_shows_a_wrong_password()
    {
        await using var server = await TestServer.StartAsync();
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "alpha" });
        await using var browser = await BrowserSession.StartAsync(server.BaseAddress);
        var page = browser.Page;

        await page.GotoAsync("/");
        var dialog = page.Locator("[data-testid=login-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Locator("[data-testid=login-user]").FillAsync("admin");
        await page.Locator("[data-testid=login-password]").FillAsync("not-the-password");
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();

        await page.Locator("[data-testid=login-password]").FillAsync(TestServer.AdminPassword);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=kb-row][data-kb=alpha]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("admin");
        await Assertions.Expect(page.Locator("[data-testid=current-role]")).ToHaveAttributeAsync("data-role", "admin");

        // Signing out asks for a sign-in again.
        await page.Locator("[data-testid=user-menu]").ClickAsync();
        await page.Locator("[data-testid=menu-logout]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=login-dialog]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_creates_a_viewer_who_then_sees_only_that_knowledge_base_and_cannot_change_it()
    {
        await using var server = await TestServer.StartAsync();
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "private" });
        await server.UploadAsync("shared", (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("shared", 1);

        await using (var admin = await BrowserSession.StartAsync(server))
        {
            var page = admin.Page;
            await page.GotoAsync("/");
            await page.Locator("[data-testid=user-menu]").ClickAsync();
            await page.Locator("[data-testid=menu-users]").ClickAsync();

            await page.Locator("[data-testid=user-name-input]").FillAsync("viewer1");
            await page.Locator("[data-testid=user-password-input]").FillAsync(ViewerPassword);
            await page.Locator("[data-testid=user-create]").ClickAsync();
            var row = page.Locator("[data-testid=user-row][data-user=viewer1]");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row).ToHaveAttributeAsync("data-role", "member");

            // A group with the new user in it, for the page to show one.
            await page.Locator("[data-testid=group-name-input]").FillAsync("finance");
            await page.Locator("[data-testid=group-create]").ClickAsync();
            var group = page.Locator("[data-testid=group-row][data-group=finance]");
            await Assertions.Expect(group).ToBeVisibleAsync();
            await group.Locator("[data-testid=group-member-select]").SelectOptionAsync("viewer1");
            await group.Locator("[data-testid=group-member-add]").ClickAsync();
            await Assertions.Expect(group.Locator("[data-testid=group-member][data-user=viewer1]")).ToBeVisibleAsync();
            // Reloaded, so the screenshot shows the page without the toasts of the changes.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid=group-row][data-group=finance] [data-testid=group-member][data-user=viewer1]")).ToBeVisibleAsync();
            await admin.ScreenshotAsync("users");

            // The knowledge base's Members tab grants viewer1 the viewer role.
            await page.Locator("[data-testid=kb-link][data-kb=shared]").ClickAsync();
            await page.Locator("[data-testid=nav-members]").ClickAsync();
            await page.Locator("[data-testid=member-kind]").SelectOptionAsync("user");
            await page.Locator("[data-testid=member-name]").FillAsync("viewer1");
            await page.Locator("[data-testid=member-role]").SelectOptionAsync("viewer");
            await page.Locator("[data-testid=member-add]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=member-row][data-kind=user][data-principal=viewer1]")).ToHaveAttributeAsync("data-role", "viewer");

            // A group's grant is added, changed and removed again.
            await page.Locator("[data-testid=member-kind]").SelectOptionAsync("group");
            await page.Locator("[data-testid=member-name]").FillAsync("finance");
            await page.Locator("[data-testid=member-role]").SelectOptionAsync("editor");
            await page.Locator("[data-testid=member-add]").ClickAsync();
            var financeGrant = page.Locator("[data-testid=member-row][data-kind=group][data-principal=finance]");
            await Assertions.Expect(financeGrant).ToHaveAttributeAsync("data-role", "editor");
            await financeGrant.Locator("[data-testid=member-role-select]").SelectOptionAsync("owner");
            await Assertions.Expect(financeGrant).ToHaveAttributeAsync("data-role", "owner");
            await financeGrant.Locator("[data-testid=member-remove]").ClickAsync();
            await page.Locator("[data-testid=confirm-ok]").ClickAsync();
            await Assertions.Expect(financeGrant).ToHaveCountAsync(0);
        }

        var grants = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/shared/members");
        Assert.Contains(grants!, g => g.GetProperty("principal").GetString() == "viewer1" && g.GetProperty("role").GetString() == "viewer");

        await using var viewer = await BrowserSession.StartAsync(server.BaseAddress);
        var v = viewer.Page;
        await v.GotoAsync("/");
        await v.Locator("[data-testid=login-user]").FillAsync("viewer1");
        await v.Locator("[data-testid=login-password]").FillAsync(ViewerPassword);
        await v.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(v.Locator("[data-testid=kb-row][data-kb=shared]")).ToBeVisibleAsync();
        await Assertions.Expect(v.Locator("[data-testid=kb-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(v.Locator("[data-testid=kb-row][data-kb=shared] [data-testid=kb-role]")).ToHaveAttributeAsync("data-role", "viewer");
        Assert.Equal(0, await v.Locator("[data-testid=kb-delete]").CountAsync());

        await v.Locator("[data-testid=kb-row][data-kb=shared]").ClickAsync();
        await Assertions.Expect(v.Locator("[data-testid=doc-row][data-status=indexed]")).ToBeVisibleAsync();
        await Assertions.Expect(v.Locator("[data-testid=docs-readonly]")).ToBeVisibleAsync();
        Assert.Equal(0, await v.Locator("[data-testid=dropzone]").CountAsync());
        Assert.Equal(0, await v.Locator("[data-testid=upload-input]").CountAsync());
        Assert.Equal(0, await v.Locator("[data-testid=doc-delete]").CountAsync());
        Assert.Equal(0, await v.Locator("[data-testid=doc-download]").CountAsync());
        Assert.Equal(0, await v.Locator("[data-testid=nav-members]").CountAsync());

        await v.Locator("[data-testid=nav-records]").ClickAsync();
        await Assertions.Expect(v.Locator("[data-testid=extract-button]")).ToBeDisabledAsync();

        await v.Locator("[data-testid=user-menu]").ClickAsync();
        await Assertions.Expect(v.Locator("[data-testid=menu-keys]")).ToBeVisibleAsync();
        Assert.Equal(0, await v.Locator("[data-testid=menu-users]").CountAsync());
        Assert.Equal(0, await v.Locator("[data-testid=menu-audit]").CountAsync());
        await Assertions.Expect(v.Locator("[data-testid=current-role]")).ToHaveAttributeAsync("data-role", "member");
    }

    [Fact]
    public async Task An_admin_changes_the_role_disables_resets_the_password_of_and_deletes_a_user()
    {
        await using var server = await TestServer.StartAsync();
        (await server.Client.PostAsJsonAsync("/api/users", new { user = "temp", password = "temp-password-1", role = "member" })).EnsureSuccessStatusCode();
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/#/admin/users");
        var row = page.Locator("[data-testid=user-row][data-user=temp]");
        await row.Locator("[data-testid=user-role]").SelectOptionAsync("admin");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-role", "admin");

        await row.Locator("[data-testid=user-toggle]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-disabled", "true");
        using (var refused = await server.NewClient().PostAsJsonAsync("/api/auth/login", new { user = "temp", password = "temp-password-1" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await row.Locator("[data-testid=user-toggle]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-disabled", "false");

        await row.Locator("[data-testid=user-reset-password]").ClickAsync();
        await page.Locator("[data-testid=reset-password-input]").FillAsync("temp-password-2");
        await page.Locator("[data-testid=reset-password-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=reset-password-dialog]")).ToHaveCountAsync(0);
        var me = await (await server.ClientForAsync("temp", "temp-password-2")).GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("admin", me.GetProperty("role").GetString());

        // The signed-in administrator cannot lock themselves out from here.
        var self = page.Locator("[data-testid=user-row][data-user=admin]");
        await Assertions.Expect(self.Locator("[data-testid=user-delete]")).ToBeDisabledAsync();
        await Assertions.Expect(self.Locator("[data-testid=user-toggle]")).ToBeDisabledAsync();

        await row.Locator("[data-testid=user-delete]").ClickAsync();
        await page.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var users = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/users");
        Assert.DoesNotContain(users!, u => u.GetProperty("name").GetString() == "temp");
    }

    [Fact]
    public async Task Without_accounts_the_interface_shows_no_account_controls()
    {
        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:Accounts:Enabled", "false"]);
        await server.UploadAsync("open", (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("open", 1);
        await using var browser = await BrowserSession.StartAsync(server.BaseAddress);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=kb-row][data-kb=open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=doc-row][data-status=indexed]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=dropzone]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=doc-delete]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=user-menu]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=nav-members]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=login-dialog]").CountAsync());
    }

    [Fact]
    public async Task A_user_changes_their_password_in_the_dialog()
    {
        await using var server = await TestServer.StartAsync();
        (await server.Client.PostAsJsonAsync("/api/users", new { user = "changer", password = "old-password-1", role = "member" })).EnsureSuccessStatusCode();
        await using var browser = await BrowserSession.StartAsync(server.BaseAddress);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=login-user]").FillAsync("changer");
        await page.Locator("[data-testid=login-password]").FillAsync("old-password-1");
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("changer");

        await page.Locator("[data-testid=user-menu]").ClickAsync();
        await page.Locator("[data-testid=menu-password]").ClickAsync();
        var dialog = page.Locator("[data-testid=password-dialog]");
        await dialog.Locator("[data-testid=password-current]").FillAsync("old-password-1");
        await dialog.Locator("[data-testid=password-new]").FillAsync("new-password-2");
        await dialog.Locator("[data-testid=password-confirm]").FillAsync("new-password-3");
        await page.Locator("[data-testid=password-submit]").ClickAsync();
        var error = dialog.Locator("[data-testid=password-error]");
        await Assertions.Expect(error).ToBeVisibleAsync();
        string mismatch = await error.InnerTextAsync();

        // A wrong current password: the server's refusal replaces the mismatch message, the dialog stays.
        await dialog.Locator("[data-testid=password-current]").FillAsync("wrong-password-1");
        await dialog.Locator("[data-testid=password-confirm]").FillAsync("new-password-2");
        await page.Locator("[data-testid=password-submit]").ClickAsync();
        await Assertions.Expect(error).Not.ToHaveTextAsync(mismatch);
        await Assertions.Expect(error).ToBeVisibleAsync();

        await dialog.Locator("[data-testid=password-current]").FillAsync("old-password-1");
        await page.Locator("[data-testid=password-submit]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=toast][data-kind=success]")).ToBeVisibleAsync();

        await server.ClientForAsync("changer", "new-password-2");
        using var old = await server.NewClient().PostAsJsonAsync("/api/auth/login", new { user = "changer", password = "old-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task An_api_key_is_shown_once_works_over_http_and_stops_working_when_revoked()
    {
        await using var server = await TestServer.StartAsync();
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "alpha" });
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "beta" });
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=user-menu]").ClickAsync();
        await page.Locator("[data-testid=menu-keys]").ClickAsync();
        await page.Locator("[data-testid=key-name-input]").FillAsync("report script");
        await page.Locator("[data-testid=key-kb][data-kb=alpha]").CheckAsync();
        await page.Locator("[data-testid=key-expiry]").FillAsync("30");
        await page.Locator("[data-testid=key-create]").ClickAsync();

        var dialog = page.Locator("[data-testid=key-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("[data-testid=key-warning]")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("[data-testid=key-copy]")).ToBeVisibleAsync();
        string key = await dialog.Locator("[data-testid=key-secret]").InputValueAsync();
        Assert.StartsWith("wj_", key, StringComparison.Ordinal);
        await dialog.Locator("[data-testid=key-done]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        var row = page.Locator("[data-testid=key-row]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "active");
        await Assertions.Expect(row).ToContainTextAsync("alpha");
        Assert.StartsWith("wj_" + await row.GetAttributeAsync("data-prefix") + "_", key, StringComparison.Ordinal);
        // The key is in no page any more: only its prefix is listed.
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        var client = server.ClientWithKey(key);
        using (var response = await client.GetAsync("/api/kbs"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var kbs = await response.Content.ReadFromJsonAsync<JsonElement[]>();
            Assert.Equal(["alpha"], kbs!.Select(k => k.GetProperty("name").GetString()));
        }

        await row.Locator("[data-testid=key-revoke]").ClickAsync();
        await page.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "revoked");
        Assert.Equal(0, await row.Locator("[data-testid=key-revoke]").CountAsync());

        using (var response = await client.GetAsync("/api/kbs"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_audit_log_lists_the_user_creation_filters_by_action_and_pages_back()
    {
        await using var server = await TestServer.StartAsync();
        (await server.Client.PostAsJsonAsync("/api/users", new { user = "auditee", password = "auditee-password-1", role = "member" })).EnsureSuccessStatusCode();
        // More entries than one page of the log holds (100), so "older" has something to fetch.
        for (int i = 0; i < 105; i++)
        {
            (await server.Client.PostAsJsonAsync("/api/groups", new { name = $"g{i:D3}" })).EnsureSuccessStatusCode();
        }

        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;
        await page.GotoAsync("/");
        await page.Locator("[data-testid=user-menu]").ClickAsync();
        await page.Locator("[data-testid=menu-audit]").ClickAsync();

        var rows = page.Locator("[data-testid=audit-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-action", "group.create");
        await page.Locator("[data-testid=audit-older]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=audit-end]")).ToBeVisibleAsync();
        var created = page.Locator("[data-testid=audit-row][data-action='user.create']");
        await Assertions.Expect(created).ToHaveCountAsync(1);
        await Assertions.Expect(created).ToContainTextAsync("auditee");
        await Assertions.Expect(created).ToHaveAttributeAsync("data-actor", "admin");
        int all = await rows.CountAsync();
        Assert.True(all > 100, $"{all} rows after paging back");

        await page.Locator("[data-testid=audit-action]").FillAsync("user.create");
        await page.Locator("[data-testid=audit-apply]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("auditee");
        await Assertions.Expect(page.Locator("[data-testid=audit-end]")).ToBeVisibleAsync();
    }
}
