import { createContext } from "react";
import type { InPlaceWriter } from "./in-place.js";

/**
 * How a component may change a few characters on screen without a render: null (the default, and
 * in tests) when it may not, and must render.
 */
export const InPlaceContext = createContext<InPlaceWriter | null>(null);
