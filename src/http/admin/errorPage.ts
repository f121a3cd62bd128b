import type { AdminErrorPage } from '../middleware/errors.ts';
import { adminErrorView } from '../../views/admin/errorPage.ts';
import { errorTitle } from '../../views/errorTitles.ts';
import { sendAdminPage, type AdminDeps } from './context.ts';

/** Errors under /admin: the back-office frame (with the member's menu when signed in), never the public footer. */
export function adminErrorPage(deps: AdminDeps): AdminErrorPage {
  return (request, reply, error, message) =>
    sendAdminPage(deps, reply, request.newsroomUser ?? null, {
      title: errorTitle(error.status),
      status: error.status,
      main: adminErrorView(
        error.status,
        message,
        Boolean(request.newsroomUser),
      ),
    });
}
