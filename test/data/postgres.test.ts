import { serverSuite } from "./scenario.js";

serverSuite("postgres");
