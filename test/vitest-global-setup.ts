import { prepareTemplates } from "./databases";

export default async function setup() {
  return prepareTemplates();
}
