import { prepareTemplates } from "../../test/databases";

// Workers inherit the template locations through process.env.
export default async function globalSetup() {
  return prepareTemplates();
}
