// Shares a room's invite link from the phone: the system share sheet where there is one, else the clipboard.
export async function share(url, title) {
    if (navigator.share) {
        try {
            await navigator.share({ title, url });
            return 'shared';
        } catch (e) {
            if (e && e.name === 'AbortError') return 'cancelled';
        }
    }
    try {
        await navigator.clipboard.writeText(url);
        return 'copied';
    } catch {
        return 'failed';
    }
}
